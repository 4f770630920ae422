package se.naravard.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fails fast, with the variable to change, when a fixed port is already taken. */
final class Ports {

    private Ports() {}

    /**
     * Throws if {@code port} cannot be bound on loopback and on all interfaces, or if something
     * answers on it.
     *
     * @param what what we wanted to run there, e.g. "PostgreSQL"
     * @param variable the setting that moves it elsewhere
     */
    static void requireFree(int port, String what, String variable, String hint) {
        if (isFree(port)) {
            return;
        }
        throw new StartupException("Port " + port + " (" + what + ") is already in use. Stop whatever listens there"
                + " (e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port with " + variable + "=<port>."
                + (hint == null ? "" : " " + hint));
    }

    static boolean isFree(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return false; // something answers
        } catch (IOException expected) {
            // nothing listens on loopback; now make sure we could bind it ourselves
        }
        return canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && canBind(new InetSocketAddress(port));
    }

    /** A hint for PostgreSQL: a server left behind by a killed run still holds the data directory. */
    static String leftoverPostgresHint(Path dataDirectory) {
        Path pid = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            return null;
        }
        try {
            String first =
                    Files.readAllLines(pid).stream().findFirst().orElse("?").trim();
            return "A PostgreSQL on " + dataDirectory + " has pid " + first + " (postmaster.pid): either another"
                    + " run.sh is still up, or a killed run left it behind; then stop it with `kill " + first + "`.";
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
