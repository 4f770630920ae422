package se.naravard.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds free TCP ports on the loopback interface.
 *
 * <p>Tests must never bind fixed ports: CI agents and parallel builds share one machine. Some
 * ports also have to be known before a server starts (the Kafka controller port is part of the
 * broker's own configuration), so they cannot be left to the operating system at bind time.
 *
 * <p>A returned port was free a moment ago; another process may still take it before the caller
 * binds it. That race is accepted: it is rare, and the caller fails loudly if it happens.
 */
public final class FreePorts {

    private FreePorts() {}

    /** Returns one free port on the loopback interface. */
    public static int find() {
        return find(1)[0];
    }

    /**
     * Returns {@code count} distinct free ports. All sockets stay bound until every port has been
     * chosen, so the operating system cannot hand out the same port twice.
     */
    public static int[] find(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on the loopback interface", e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // The port is released either way once the socket object is gone.
        }
    }
}
