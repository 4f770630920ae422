package se.naravard.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches everything this test JVM prints — the gateway's log and the logs of the service processes
 * GatewayStack starts (their lines are pumped into {@code System.out}) — for the personnummer of the
 * test people, in any of their written forms. Installed before the stack starts; {@link #sightings}
 * lists the lines that held one (masked).
 */
final class LogWatch {

    /** Every test person's number used by the ITs (TestContracts, TestEpisodes, TestSips and the ITs). */
    static final List<String> NUMBERS = List.of(
            "191212121212",
            "194001059874",
            "194001059882",
            "194001059866",
            "194105122388",
            "194601072376",
            "194601019989",
            "194601029988",
            "194601039987",
            "194601049986",
            "194601059985",
            "195001019818",
            "195001182046",
            "195002029816",
            "195003039814",
            "195004049812",
            "195005059810",
            "195010109816",
            "195003152385",
            "195203079313",
            "195712302842",
            "196309194725",
            "197010632391",
            "197408232390",
            "198101079294",
            "199006022397",
            "200001022391");

    private static final List<String> FORMS = forms();
    private static final List<String> SIGHTINGS = new ArrayList<>();
    private static final java.util.Map<String, List<String>> WATCHED = new java.util.HashMap<>();
    private static final java.util.Map<String, Integer> COUNTS = new java.util.HashMap<>();
    private static boolean installed;

    private LogWatch() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        System.setOut(new PrintStream(new LineTee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new LineTee(System.err), true, StandardCharsets.UTF_8));
    }

    /**
     * Counts, from now on, the lines that hold every one of {@code fragments} under {@code key}: a
     * line a process prints after some work tells that its earlier lines have come through.
     */
    static synchronized void watch(String key, String... fragments) {
        WATCHED.put(key, List.of(fragments));
        COUNTS.putIfAbsent(key, 0);
    }

    static synchronized int count(String key) {
        return COUNTS.getOrDefault(key, 0);
    }

    private static synchronized void counted(String line) {
        WATCHED.forEach((key, fragments) -> {
            if (fragments.stream().allMatch(line::contains)) {
                COUNTS.merge(key, 1, Integer::sum);
            }
        });
    }

    static synchronized List<String> sightings() {
        return List.copyOf(SIGHTINGS);
    }

    /** The forms of a number a log line could hold: 12 digits, with a dash, and the 10-digit form. */
    private static List<String> forms() {
        List<String> forms = new ArrayList<>();
        for (String n : NUMBERS) {
            forms.add(n);
            forms.add(n.substring(0, 8) + "-" + n.substring(8));
            forms.add(n.substring(2, 8) + "-" + n.substring(8));
        }
        return forms;
    }

    /** True if the line holds a test person's number. */
    static boolean holdsNumber(String line) {
        for (String f : FORMS) {
            if (line.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private static synchronized void saw(String line) {
        String masked = line;
        for (String f : FORMS) {
            masked = masked.replace(f, "<personnummer>");
        }
        SIGHTINGS.add(masked.length() > 300 ? masked.substring(0, 300) + "…" : masked);
    }

    /** Passes bytes on, and checks each complete line. */
    private static final class LineTee extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineTee(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            out.write(b);
            if (b == '\n') {
                check();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    check();
                } else {
                    line.write(b[i]);
                }
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            out.flush();
        }

        private void check() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (holdsNumber(s)) {
                saw(s);
            }
            counted(s);
        }
    }
}
