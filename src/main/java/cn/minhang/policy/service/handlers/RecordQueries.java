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
import io.javalin.http.Context;

/** The query parameters of the record routes: filters, range and paging, each checked with a clear error. */
final class RecordQueries {
    private static final Set<String> STATUSES = Arrays.stream(Status.values()).map(Enum::name)
            .collect(Collectors.toCollection(java.util.TreeSet::new));

    private RecordQueries() {
    }

    /** {@code enterprise, application, clause, status, rules, from, to, after, limit}. */
    static RecordQuery query(Context ctx) {
        RecordQuery q = RecordQuery.all()
                .enterprise(text(ctx, "enterprise"))
                .application(text(ctx, "application"))
                .clause(text(ctx, "clause"))
                .rules(text(ctx, "rules"));
        String status = text(ctx, "status");
        if (status != null) {
            String upper = status.toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(upper)) {
                throw ApiError.invalidRequest("$", "the query parameter status must be one of " + STATUSES
                        + ", was '" + clip(status) + "'");
            }
            q = q.status(upper);
        }
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiError.invalidRequest("$", "the range is empty: from " + from + " is not before to " + to);
        }
        q = q.between(from, to);
        String after = text(ctx, "after");
        if (after != null) {
            try {
                q = q.after(Long.parseLong(after));
            } catch (NumberFormatException e) {
                throw ApiError.invalidRequest("$", "the query parameter after must be the next of a page, was '"
                        + clip(after) + "'");
            }
        }
        String limit = text(ctx, "limit");
        if (limit != null) {
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
            q = q.limit(n);
        }
        return q;
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
