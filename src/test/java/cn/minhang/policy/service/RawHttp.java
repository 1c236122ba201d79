package cn.minhang.policy.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what a well-behaved client cannot do: declare a body it never sends, trickle a
 * body in, keep sending after the answer, stay silent.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** A response as read off the wire. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    RawHttp(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(readTimeoutMillis);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    RawHttp write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    RawHttp write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** One chunk of a chunked body. */
    RawHttp chunk(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(Integer.toHexString(bytes.length) + "\r\n");
        write(bytes);
        return write("\r\n");
    }

    /** The last chunk. */
    RawHttp endChunks() throws IOException {
        return write("0\r\n\r\n");
    }

    /** Reads one response: its head, then a body by Content-Length, chunks, or up to the close. */
    Response read() throws IOException {
        Response head = head();
        Map<String, String> headers = head.headers();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            byte[] chunk;
            while ((chunk = nextChunk()) != null) {
                body.write(chunk);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(head.status(), headers, body.toString(StandardCharsets.UTF_8));
    }

    /** The next chunk of a chunked body as it arrives, or null after the last. */
    byte[] nextChunk() throws IOException {
        int size = Integer.parseInt(line().split(";")[0].strip(), 16);
        if (size == 0) {
            line();
            return null;
        }
        byte[] bytes = in.readNBytes(size);
        line();
        return bytes;
    }

    /** Reads the status line and headers of a response, and nothing of its body. */
    Response head() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return new Response(status, headers, "");
    }

    /**
     * True when the server closes the connection (or resets it) within the read timeout; false when it is still
     * open then.
     */
    boolean closedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever it still sends
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when bytes of an answer have arrived and wait to be read (without waiting for them). */
    boolean answerWaiting() throws IOException {
        return in.available() > 0;
    }

    /**
     * True when the server has closed or reset the connection, found without waiting: whatever it still sent is
     * read and dropped.
     */
    boolean closedWaiting() {
        try {
            while (in.available() > 0) {
                if (in.read() < 0) {
                    return true;
                }
            }
            int timeout = socket.getSoTimeout();
            socket.setSoTimeout(1);
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } finally {
                socket.setSoTimeout(timeout);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** How the server ended the connection within the read timeout: "closed", "reset", or "open" when it did not. */
    String end() {
        try {
            while (in.read() >= 0) {
                // drain whatever it still sends
            }
            return "closed";
        } catch (SocketTimeoutException e) {
            return "open";
        } catch (IOException e) {
            return "reset";
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String text = bytes.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            bytes.write(c);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
