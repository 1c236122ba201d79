package cn.minhang.policy.service.handlers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import cn.minhang.policy.engine.Status;
import cn.minhang.policy.records.RecordQuery;
import cn.minhang.policy.service.ApiError;
import cn.minhang.policy.service.Http;
import io.javalin.http.Context;

/** The query parameters of the record routes: filters, range and paging, each checked with a clear error. */
final class RecordQueries {
    private static final Set<String> STATUSES = Arrays.stream(Status.values()).map(Enum::name)
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    private RecordQueries() {
    }

    /** {@code enterprise, application, clause, status, rules, from, to, after, limit}; every one out of range named. */
    static RecordQuery query(Context ctx) {
        RecordQuery q = RecordQuery.all()
                .enterprise(text(ctx, "enterprise"))
                .application(text(ctx, "application"))
                .clause(text(ctx, "clause"))
                .rules(text(ctx, "rules"));
        Http.Parameters parameters = new Http.Parameters();
        String status = parameters.read(() -> status(ctx), null);
        Instant from = parameters.read(() -> instant(ctx, "from"), null);
        Instant to = parameters.read(() -> instant(ctx, "to"), null);
        if (from != null && to != null && !from.isBefore(to)) {
            parameters.read(() -> {
                throw ApiError.invalidRequest("$", "the range is empty: from " + from + " is not before to " + to);
            }, null);
        }
        Long after = parameters.read(() -> after(ctx), null);
        Integer limit = parameters.read(() -> limit(ctx), null);
        parameters.check();
        if (status != null) {
            q = q.status(status);
        }
        q = q.between(from, to);
        if (after != null) {
            q = q.after(after);
        }
        if (limit != null) {
            q = q.limit(limit);
        }
        return q;
    }

    private static String status(Context ctx) {
        String status = text(ctx, "status");
        if (status == null) {
            return null;
        }
        String upper = status.toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(upper)) {
            throw ApiError.invalidRequest("$", "the query parameter status must be one of " + STATUSES
                    + ", was '" + clip(status) + "'");
        }
        return upper;
    }

    private static Long after(Context ctx) {
        String after = text(ctx, "after");
        if (after == null) {
            return null;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest("$", "the query parameter after must be the next of a page, was '"
                    + clip(after) + "'");
        }
    }

    private static Integer limit(Context ctx) {
        String limit = text(ctx, "limit");
        if (limit == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > RecordQuery.MAX_LIMIT) {
            throw ApiError.invalidRequest("$", "the query parameter limit must be 1 to " + RecordQuery.MAX_LIMIT
                    + ", was '" + clip(limit) + "'");
        }
        return n;
    }

    /** A required instant ({@code 2026-07-01T00:00:00Z}). */
    static Instant requiredInstant(Context ctx, String name) {
        Instant value = instant(ctx, name);
        if (value == null) {
            throw ApiError.invalidRequest("$", "the query parameter " + name + " is required: an instant such as "
                    + "2026-07-01T00:00:00Z");
        }
        return value;
    }

    static Instant instant(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalidRequest("$", "the query parameter " + name + " must be an instant such as "
                    + "2026-07-01T00:00:00Z, was '" + clip(value) + "'");
        }
    }

    /** A parameter's value; absent or empty is null. */
    static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    static String clip(String text) {
        String printable = text.codePoints().limit(60)
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return text.codePointCount(0, text.length()) > 60 ? printable + "…" : printable;
    }
}
