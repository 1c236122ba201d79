package cn.minhang.policy.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import cn.minhang.policy.model.Limits;

/**
 * Every option of the decision service, in one place: immutable, built with {@link #builder()}, with defaults that
 * work on a fresh machine (the repository's {@code rules/} and {@code specs/} served on 127.0.0.1:8080).
 *
 * <pre>{@code
 * ServiceConfig config = ServiceConfig.builder()
 *         .port(8080)
 *         .rulesDirectory(Path.of("/etc/policy/rules"))
 *         .specsDirectory(Path.of("/etc/policy/specs"))
 *         .tokenSha256(Role.ADMIN, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
 *         .build();
 * }</pre>
 */
public final class ServiceConfig {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_RULES = Path.of("rules");
    public static final Path DEFAULT_SPECS = Path.of("specs");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final String bind;
    private final int port;
    private final Path rulesDirectory;
    private final Path specsDirectory;
    private final Map<Role, List<String>> tokenHashes;
    private final int maxBodyBytes;
    private final int maxConcurrent;
    private final Duration timeLimit;
    private final Duration batchTimeLimit;
    private final Duration bodyTimeLimit;
    private final Duration idleTimeout;
    private final Duration retryAfter;
    private final int batchThreads;
    private final int serverThreads;
    private final List<String> corsOrigins;

    private ServiceConfig(Builder b) {
        this.bind = b.bind;
        this.port = b.port;
        this.rulesDirectory = b.rulesDirectory;
        this.specsDirectory = b.specsDirectory;
        Map<Role, List<String>> tokens = new EnumMap<>(Role.class);
        b.tokenHashes.forEach((role, hashes) -> tokens.put(role, List.copyOf(hashes)));
        this.tokenHashes = Collections.unmodifiableMap(tokens);
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxConcurrent = b.maxConcurrent;
        this.timeLimit = b.timeLimit;
        this.batchTimeLimit = b.batchTimeLimit;
        this.bodyTimeLimit = b.bodyTimeLimit;
        this.idleTimeout = b.idleTimeout;
        this.retryAfter = b.retryAfter;
        this.batchThreads = b.batchThreads;
        this.serverThreads = b.serverThreads;
        this.corsOrigins = List.copyOf(b.corsOrigins);
    }

    /** The defaults: see each method of {@link Builder}. */
    public static ServiceConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bind = bind;
        b.port = port;
        b.rulesDirectory = rulesDirectory;
        b.specsDirectory = specsDirectory;
        tokenHashes.forEach((role, hashes) -> b.tokenHashes.put(role, new LinkedHashSet<>(hashes)));
        b.maxBodyBytes = maxBodyBytes;
        b.maxConcurrent = maxConcurrent;
        b.timeLimit = timeLimit;
        b.batchTimeLimit = batchTimeLimit;
        b.bodyTimeLimit = bodyTimeLimit;
        b.idleTimeout = idleTimeout;
        b.retryAfter = retryAfter;
        b.batchThreads = batchThreads;
        b.serverThreads = serverThreads;
        b.corsOrigins.addAll(corsOrigins);
        return b;
    }

    /** The SHA-256 of a token's UTF-8 bytes, as 64 lower-case hex digits: what the configuration holds. */
    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The address the server listens on; loopback unless asked. */
    public String bind() {
        return bind;
    }

    /** The port; 0 takes any free port ({@link PolicyService#port()} tells which). */
    public int port() {
        return port;
    }

    public Path rulesDirectory() {
        return rulesDirectory;
    }

    public Path specsDirectory() {
        return specsDirectory;
    }

    /** The SHA-256 hashes (hex) of the tokens of each role; a role without tokens cannot be used. */
    public Map<Role, List<String>> tokenHashes() {
        return tokenHashes;
    }

    /** The largest request body of one document; a larger one is refused (413) before it is read whole. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Evaluations (and batches, and reloads) at once; one more is refused with 429 and Retry-After. */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** How long one evaluation may take before it is answered with 503. */
    public Duration timeLimit() {
        return timeLimit;
    }

    /** How long a batch may take in all; past it the response is cut off (it cannot change its status any more). */
    public Duration batchTimeLimit() {
        return batchTimeLimit;
    }

    /** How long the body of one document may take to arrive; a client that trickles it is cut off (408). */
    public Duration bodyTimeLimit() {
        return bodyTimeLimit;
    }

    /** A connection on which nothing arrives for this long is closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** What a 429 or 503 asks the client to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The threads that evaluate the lines of one batch. */
    public int batchThreads() {
        return batchThreads;
    }

    /** The server's request threads. */
    public int serverThreads() {
        return serverThreads;
    }

    /** Origins allowed by CORS; empty (the default) is CORS off. */
    public List<String> corsOrigins() {
        return corsOrigins;
    }

    @Override
    public String toString() {
        // Never the token hashes: only which roles have tokens.
        return "ServiceConfig[bind=" + bind + ", port=" + port + ", rules=" + rulesDirectory + ", specs="
                + specsDirectory + ", roles with tokens=" + tokenHashes.keySet() + ", maxBodyBytes=" + maxBodyBytes
                + ", maxConcurrent=" + maxConcurrent + ", timeLimit=" + timeLimit + ", batchTimeLimit="
                + batchTimeLimit + ", bodyTimeLimit=" + bodyTimeLimit + ", idleTimeout=" + idleTimeout
                + ", batchThreads=" + batchThreads + ", serverThreads=" + serverThreads + ", cors=" + corsOrigins + "]";
    }

    public static final class Builder {
        private String bind = DEFAULT_BIND;
        private int port = DEFAULT_PORT;
        private Path rulesDirectory = DEFAULT_RULES;
        private Path specsDirectory = DEFAULT_SPECS;
        private final Map<Role, Set<String>> tokenHashes = new EnumMap<>(Role.class);
        private int maxBodyBytes = Limits.MAX_DOCUMENT_BYTES;
        private int maxConcurrent = Math.max(4, 2 * CORES);
        private Duration timeLimit = Duration.ofSeconds(10);
        private Duration batchTimeLimit = Duration.ofMinutes(10);
        private Duration bodyTimeLimit = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration retryAfter = Duration.ofSeconds(1);
        private int batchThreads = CORES;
        private int serverThreads = 64;
        private final List<String> corsOrigins = new ArrayList<>();

        private Builder() {
        }

        /** Default 127.0.0.1; "0.0.0.0" or another address only when the service is to be reached from outside. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "bind");
            return this;
        }

        /** Default 8080; 0 for any free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Default ./rules. */
        public Builder rulesDirectory(Path directory) {
            this.rulesDirectory = Objects.requireNonNull(directory, "rulesDirectory");
            return this;
        }

        /** Default ./specs: every case must pass before rules serve. */
        public Builder specsDirectory(Path directory) {
            this.specsDirectory = Objects.requireNonNull(directory, "specsDirectory");
            return this;
        }

        /** Adds a token for {@code role}, given as the SHA-256 (64 hex digits) of the token's UTF-8 bytes. */
        public Builder tokenSha256(Role role, String sha256Hex) {
            Objects.requireNonNull(role, "role");
            String hex = Objects.requireNonNull(sha256Hex, "sha256Hex").strip().toLowerCase(Locale.ROOT);
            if (!SHA256_HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException("a token is configured by its SHA-256: 64 hex digits");
            }
            tokenHashes.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(hex);
            return this;
        }

        /** Default 1 MiB ({@link Limits#MAX_DOCUMENT_BYTES}), which is also the most it can be. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1 || bytes > Limits.MAX_DOCUMENT_BYTES) {
                throw new IllegalArgumentException("maxBodyBytes must be 1 to " + Limits.MAX_DOCUMENT_BYTES);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Default twice the cores, at least 4. */
        public Builder maxConcurrent(int evaluations) {
            this.maxConcurrent = positive(evaluations, "maxConcurrent");
            return this;
        }

        /** Default 10 s. */
        public Builder timeLimit(Duration limit) {
            this.timeLimit = positive(limit, "timeLimit");
            return this;
        }

        /** Default 10 min. */
        public Builder batchTimeLimit(Duration limit) {
            this.batchTimeLimit = positive(limit, "batchTimeLimit");
            return this;
        }

        /** Default 10 s. */
        public Builder bodyTimeLimit(Duration limit) {
            this.bodyTimeLimit = positive(limit, "bodyTimeLimit");
            return this;
        }

        /** Default 30 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** Default 1 s (sent in whole seconds, at least 1). */
        public Builder retryAfter(Duration wait) {
            this.retryAfter = positive(wait, "retryAfter");
            return this;
        }

        /** Default the number of cores. */
        public Builder batchThreads(int threads) {
            this.batchThreads = positive(threads, "batchThreads");
            return this;
        }

        /** Default 64; at least 8 (the server's acceptors and selectors take some). */
        public Builder serverThreads(int threads) {
            if (threads < 8) {
                throw new IllegalArgumentException("serverThreads must be at least 8, was " + threads);
            }
            this.serverThreads = threads;
            return this;
        }

        /** Allows a browser page of {@code origin} (such as {@code https://portal.example.gov.cn}) to call the API. */
        public Builder corsOrigin(String origin) {
            this.corsOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        public ServiceConfig build() {
            return new ServiceConfig(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
            }
            return value;
        }
    }
}
