package cn.minhang.policy.service;

import java.net.http.HttpResponse;

import cn.minhang.policy.service.handlers.PageAssets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The calculator page's assets at the service's root, over real HTTP: no token, their types, nothing else. */
class PageRouteTest {
    private static RunningService service;

    @BeforeAll
    static void start() {
        service = RunningService.start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theRootIsThePageWithAPolicyThatLetsItLoadNothingFromOutside() {
        HttpResponse<String> page = service.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"calculator.js\"").contains("闵行区具身智能产业政策计算器");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(PageAssets.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void theScriptTheStylesheetAndTheLabelTableAreServedWithTheirTypes() throws Exception {
        assertThat(type("/calculator.js")).startsWith("text/javascript");
        assertThat(type("/calculator.css")).startsWith("text/css");
        assertThat(type("/form.json")).startsWith("application/json");
        JsonNode table = new ObjectMapper().readTree(service.get("/form.json").body());
        assertThat(table.get("sections").get(0).get("key").asText()).isEqualTo("enterprise");
    }

    @Test
    void anythingElseIsTheErrorDocumentNotAFileOfTheJar() throws Exception {
        // Jetty refuses a path that climbs out of the root (400) before any handler sees it; the rest are 404.
        for (String path : new String[]{"/nothing-here.js", "/../cn/minhang/policy/io/engine.properties",
                "/cn/minhang/policy/service/web/index.html", "/rules/m01-core-components.drl"}) {
            HttpResponse<String> r = service.get(path);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(new ObjectMapper().readTree(r.body()).get("error").asText()).as(path).isNotBlank();
        }
    }

    private static String type(String path) {
        HttpResponse<String> r = service.get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.headers().firstValue("Content-Type").orElseThrow();
    }
}
