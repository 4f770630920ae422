package se.naravard.gateway.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.method.ResponsePage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Search results for HAPI: each marked {@code search.mode = match} (includes get {@code include}). */
public final class SearchResults {

    private SearchResults() {}

    public static IBundleProvider of(List<? extends IAnyResource> matches) {
        List<IBaseResource> resources = new ArrayList<>(matches.size());
        for (IAnyResource r : matches) {
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
            List<T> matches, Function<T, List<? extends IAnyResource>> revIncludesOf) {
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
