package se.naravard.transition.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import se.naravard.transition.app.LiabilityReports;
import se.naravard.transition.document.Codes;
import se.naravard.transition.liability.LiableDay;
import se.naravard.transition.web.BodyReader.Faults;
import se.naravard.transition.web.Responses.MonthDoc;
import se.naravard.transition.web.Responses.MonthLineDoc;

/** Payment liability per municipality and month, each line pointing to its episode's evidence. */
@Controller("/liability")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Payment liability")
public class LiabilityController {

    private final LiabilityReports reports;
    private final BodyReader reader;

    public LiabilityController(LiabilityReports reports, BodyReader reader) {
        this.reports = reports;
        this.reader = reader;
    }

    @Get("/{kommun}/{month}")
    @Operation(
            summary = "Liable days and kronor of one municipality in one month (yyyy-MM), per episode with a link to"
                    + " its evidence; the current month is counted through today")
    public MonthDoc month(@PathVariable String kommun, @PathVariable String month) {
        Faults faults = new Faults();
        var code = reader.kommun(kommun, "/kommun", true, faults);
        YearMonth ym = null;
        try {
            ym = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            faults.add(BodyReader.BAD_TIME, "/month", "not a month yyyy-MM");
        }
        faults.throwIfAny("The query is not valid");
        var report = reports.forMonth(code.value(), ym);
        return new MonthDoc(
                report.kommun(),
                report.month().toString(),
                report.countedThrough().toString(),
                report.totalDays(),
                report.totalKronor(),
                "SEK",
                report.lines().stream()
                        .map(l -> new MonthLineDoc(
                                l.episode().id().value().toString(),
                                l.agreement(),
                                l.days().stream()
                                        .map(LiableDay::date)
                                        .map(Object::toString)
                                        .toList(),
                                l.kronor(),
                                l.assessment().missingPreconditions().stream()
                                        .map(Codes::of)
                                        .toList(),
                                "/episodes/" + l.episode().id().value() + "/liability?asOf=" + report.countedThrough()))
                        .toList());
    }
}
