package se.naravard.gateway.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/** A resource's {@code _history} from a service's version list: every version as it was, newest first. */
public final class VersionHistory {

    private VersionHistory() {}

    /**
     * Every version the service lists, read one by one, newest first.
     *
     * @param versions the version numbers the service lists
     * @param version reads one version (empty: skipped, e.g. removed meanwhile)
     */
    public static <T> List<T> newestFirst(List<Integer> versions, IntFunction<Optional<T>> version) {
        List<T> all = new ArrayList<>(versions.size());
        versions.stream().sorted(Comparator.reverseOrder()).forEach(v -> version.apply(v)
                .ifPresent(all::add));
        return all;
    }
}
