package se.naravard.deploy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Just enough of the tar format to read an image tarball and its layers (ustar, as jib writes them). */
final class Tar {

    /** Called once per entry with a stream of its content, valid until it returns. */
    interface Visitor {
        void entry(String name, InputStream content) throws IOException;
    }

    private Tar() {}

    static void each(InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            String octal = text(header, 124, 12).trim();
            long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
            char type = (char) header[156];
            Bounded content = new Bounded(in, size);
            if (type == 'L') {
                longName = new String(content.readAllBytes(), StandardCharsets.UTF_8).replace("\0", "");
            } else {
                visitor.entry(longName != null ? longName : name, content);
                longName = null;
            }
            content.skipNBytes(content.remaining);
            in.skipNBytes((512 - size % 512) % 512);
        }
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /** The next {@code size} bytes of the archive; closing it leaves the archive open. */
    private static final class Bounded extends FilterInputStream {
        long remaining;

        Bounded(InputStream in, long size) {
            super(in);
            this.remaining = size;
        }

        @Override
        public int read() throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public void close() {
            // the archive stays open
        }
    }
}
