package se.naravard.contract.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import se.naravard.contract.listing.Listing;
import se.naravard.contract.listing.ListingService;
import se.naravard.contract.listing.ListingsDocument;
import se.naravard.contract.listing.TargetGroup;
import se.naravard.platform.domain.Rejection;
import se.naravard.platform.identity.HsaId;
import se.naravard.platform.identity.Kommunkod;
import se.naravard.platform.identity.PatientIdentifier;
import se.naravard.platform.web.ProblemException;

/**
 * Listings (listning): which primary-care unit each patient is listed with, as the region's listing
 * system tells it (docs/contract-api.md "Listings"). Every fault of a request is collected with its JSON
 * pointer before anything is stored.
 */
@Controller("/listings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Listings")
public class ListingController {

    /** A target-group code outside the closed set. */
    static final String UNKNOWN_TARGET_GROUP = "CONTRACT-043";
    /** A read without the patient key. */
    static final String PATIENT_KEY_REQUIRED = "CONTRACT-046";

    static final String BAD_DATE = "CONTRACT-040";

    private final ListingService listings;

    public ListingController(ListingService listings) {
        this.listings = listings;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "List a patient with a unit from a date: the listing held from then on is replaced")
    public HttpResponse<ListingsDocument> list(@Body Requests.ListPatient body) {
        CommandReader.Faults faults = new CommandReader.Faults();
        PatientIdentifier person = person(body.person(), faults);
        HsaId unit = unit(body.unit(), faults);
        Kommunkod kommun = kommun(body.kommun(), faults);
        LocalDate from = date(body.from(), "/from", "the first day of the listing is required", faults);
        List<String> groups = targetGroups(body.targetGroups(), faults);
        faults.throwIfAny("The listing is not valid");
        ListingsDocument d = listings.list(person, Listing.of(unit.value(), kommun.value(), from, groups));
        return HttpResponse.ok(d).header("ETag", ContractController.etag(d.version()));
    }

    @Post(value = "/end", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "End a patient's listing: to is its last day")
    public HttpResponse<ListingsDocument> end(@Body Requests.EndListing body) {
        CommandReader.Faults faults = new CommandReader.Faults();
        PatientIdentifier person = person(body.person(), faults);
        LocalDate to = date(body.to(), "/to", "the last day of the listing is required", faults);
        faults.throwIfAny("The end of the listing is not valid");
        ListingsDocument d = listings.end(person, to);
        return HttpResponse.ok(d).header("ETag", ContractController.etag(d.version()));
    }

    @Post(value = "/search", consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "A patient's listings by their number, which travels in the body, not the URL")
    public HttpResponse<ListingsDocument> search(@Body Requests.ListingSearch body) {
        CommandReader.Faults faults = new CommandReader.Faults();
        PatientIdentifier person = person(body.person(), faults);
        faults.throwIfAny("The search is not valid");
        ListingsDocument d = listings.byPatient(person).orElseThrow(() -> ListingService.notListed("/person"));
        return HttpResponse.ok(d).header("ETag", ContractController.etag(d.version()));
    }

    @Get
    @Operation(summary = "A patient's listings by the pseudonymous patient key (no personal data in the URL)")
    public HttpResponse<ListingsDocument> byKey(@Nullable @QueryValue String patientKey) {
        if (patientKey == null || patientKey.isBlank()) {
            throw ProblemException.of(
                    422, new Rejection(PATIENT_KEY_REQUIRED, "/patientKey", "the patient key is required"));
        }
        ListingsDocument d = listings.byKey(patientKey).orElseThrow(() -> ListingService.notListed("/patientKey"));
        return HttpResponse.ok(d).header("ETag", ContractController.etag(d.version()));
    }

    private static PatientIdentifier person(String value, CommandReader.Faults faults) {
        return CommandReader.required(
                value,
                "/person",
                "the patient's personnummer or samordningsnummer is required",
                PatientIdentifier::parse,
                faults);
    }

    private static HsaId unit(String value, CommandReader.Faults faults) {
        return CommandReader.required(
                value, "/unit", "the HSA-id of the unit (vårdcentral) is required", HsaId::of, faults);
    }

    private static Kommunkod kommun(String value, CommandReader.Faults faults) {
        return CommandReader.required(value, "/kommun", "the patient's kommun is required", Kommunkod::of, faults);
    }

    static LocalDate date(String value, String pointer, String required, CommandReader.Faults faults) {
        if (value == null || value.isBlank()) {
            faults.add(new Rejection(CommandReader.REQUIRED, pointer, required));
            return null;
        }
        try {
            if (value.length() != 10) {
                // four-digit years only: LocalDate also reads +999999999-12-31, which no database stores
                throw new DateTimeParseException("not yyyy-MM-dd", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            faults.add(new Rejection(BAD_DATE, pointer, "a date is written yyyy-MM-dd"));
            return null;
        }
    }

    /** The codes, each once, in the order given; every unknown one is a fault at its position. */
    static List<String> targetGroups(List<String> codes, CommandReader.Faults faults) {
        List<String> out = new ArrayList<>();
        if (codes == null) {
            return out;
        }
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (code == null || TargetGroup.fromCode(code).isEmpty()) {
                faults.add(new Rejection(
                        UNKNOWN_TARGET_GROUP,
                        "/targetGroups/" + i,
                        "unknown target group; the codes are " + String.join(", ", TargetGroup.codes())));
            } else if (!out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }
}
