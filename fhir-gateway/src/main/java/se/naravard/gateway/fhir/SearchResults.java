package se.naravard.gateway.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Search results for HAPI: each marked {@code search.mode = match} (includes get {@code include}), and
 * only those the caller may see ({@link #VISIBLE}): the total and the pages count nothing hidden.
 */
public final class SearchResults {

    /**
     * Request user data: a {@code Predicate<IBaseResource>}, true for what the caller may see (put there
     * by the access rules, {@code access.AccessControl}); absent, every match is shown.
     */
    public static final String VISIBLE = SearchResults.class.getName() + ".visible";

    private SearchResults() {}

    /** The matches the request's caller may see, in their order. */
    @SuppressWarnings("unchecked")
    static <T extends IBaseResource> List<T> visible(RequestDetails request, List<T> matches) {
        Object visible = request == null ? null : request.getUserData().get(VISIBLE);
        if (!(visible instanceof Predicate<?> p)) {
            return matches;
        }
        Predicate<IBaseResource> mayShow = (Predicate<IBaseResource>) p;
        return matches.stream().filter(mayShow).toList();
    }

    public static IBundleProvider of(RequestDetails request, List<? extends IAnyResource> matches) {
        List<? extends IAnyResource> shown = visible(request, matches);
        List<IBaseResource> resources = new ArrayList<>(shown.size());
        for (IAnyResource r : shown) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH);
            resources.add(r);
        }
        return new SimpleBundleProvider(resources);
    }

    /**
     * Matches with the resources a {@code _revinclude} brings for each (HAPI adds forward includes
     * itself from the references a provider fills in, but not reverse ones). The total and the pages
     * count matches only; each page carries the reverse includes of its own matches, marked {@code
     * include}, as FHIR has it.
     */
    public static <T extends IAnyResource> IBundleProvider of(
            RequestDetails request, List<T> all, Function<T, List<? extends IAnyResource>> revIncludesOf) {
        List<T> matches = visible(request, all);
        Map<IBaseResource, List<? extends IAnyResource>> included = new IdentityHashMap<>();
        for (T r : matches) {
            ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.MATCH);
            List<? extends IAnyResource> more = revIncludesOf.apply(r);
            more.forEach(i -> ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(i, BundleEntrySearchModeEnum.INCLUDE));
            included.put(r, more);
        }
        return new SimpleBundleProvider(new ArrayList<>(matches)) {
            @Override
            public List<IBaseResource> getResources(int from, int to, ResponsePage.ResponsePageBuilder builder) {
                List<IBaseResource> page = new ArrayList<>(super.getResources(from, to, builder));
                List<IBaseResource> matchesOnPage = List.copyOf(page);
                for (IBaseResource r : matchesOnPage) {
                    page.addAll(included.getOrDefault(r, List.of()));
                }
                return page;
            }
        };
    }
}
