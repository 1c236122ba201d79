package cn.minhang.policy.service.handlers;

import java.util.Map;

import io.javalin.http.staticfiles.Location;
import io.javalin.http.staticfiles.StaticFileConfig;

/**
 * {@code GET /}: the calculator page (index.html, its stylesheet, script and label table), served from the jar by
 * Javalin's static-files handler. It needs no token. The Content-Security-Policy lets the page load and call
 * nothing but the service itself, so no asset can come from outside even by mistake.
 */
public final class PageAssets {
    /** Where the page's assets are on the classpath. */
    public static final String DIRECTORY = "/cn/minhang/policy/service/web";
    /** Only this service: scripts, styles, the label table and the evaluate route; no frames, no forms sent. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private PageAssets() {
    }

    public static void configure(StaticFileConfig files) {
        files.hostedPath = "/";
        files.directory = DIRECTORY;
        files.location = Location.CLASSPATH;
        files.headers = Map.of(
                "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-cache");
    }
}
