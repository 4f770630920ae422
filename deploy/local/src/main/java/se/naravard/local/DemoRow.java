package se.naravard.local;

import java.util.List;

/**
 * One line of the banner's demo section: what was loaded or found, never who it is about.
 *
 * @param state the status code the service answered (e.g. {@code active}, {@code utskrivningsklar})
 * @param story empty for data found in the database
 */
record DemoRow(String id, String state, String kommun, String story) {

    /** {@code <id>  <state>  Jönköping (0680)  <story>}, trailing blanks removed. */
    String line() {
        String where = DemoData.KOMMUNER.getOrDefault(kommun, "kommun") + " (" + kommun + ")";
        return String.format("   %s  %-16s %-18s %s", id, state, where, story).stripTrailing();
    }

    /** The first row's id in {@code state}, else the first row's id, else null. */
    static String firstIn(List<DemoRow> rows, String state) {
        return rows.stream()
                .filter(r -> r.state().equals(state))
                .findFirst()
                .or(() -> rows.stream().findFirst())
                .map(DemoRow::id)
                .orElse(null);
    }
}
