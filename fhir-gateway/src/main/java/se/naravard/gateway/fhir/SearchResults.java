package se.naravard.gateway.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import java.util.ArrayList;
import java.util.List;
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
}
