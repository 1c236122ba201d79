package cn.minhang.policy.service.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver. The paths are set explicitly, so Selenium
 * Manager never tries to download a driver or a browser. {@code src/test/browser/install-browser.sh} (run by the
 * build before the tests) installs both where they are missing; where it could not, the browser tests fail here
 * with the command that installs them.
 */
final class Browser implements AutoCloseable {
    static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
    static final Path CHROMIUM = Path.of(System.getProperty("calculator.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("calculator.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final AtomicInteger SHOTS = new AtomicInteger();

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Browser(ChromeDriver driver, Path downloads, Path profile) {
        this.driver = driver;
        this.downloads = downloads;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        if (SHOTS.get() == 0 && Files.isDirectory(SCREENSHOTS)) {
            try (var old = Files.list(SCREENSHOTS)) {
                for (Path png : old.filter(p -> p.toString().endsWith(".png")).toList()) {
                    Files.delete(png);
                }
            }
        }
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser tests need Chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "), which are missing and could not be installed. Install them (as root, on Debian) with: "
                    + INSTALL);
        }
        Path profile = Files.createTempDirectory("calculator-chromium-");
        Path downloads = Files.createTempDirectory("calculator-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check",
                "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        return new Browser(driver, downloads, profile);
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Emulates the print media (the print stylesheet), or the screen again with {@code null}. */
    void media(String media) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", media == null ? "" : media));
    }

    /** A full-page screenshot, numbered in the order taken: target/screenshots/NN-name.png. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        driver.executeScript("window.scrollTo(0, 0)");
        Object height = driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
        Object width = driver.executeScript("return Math.ceil(document.documentElement.clientWidth)");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", ((Number) width).intValue(),
                "height", Math.min(((Number) height).intValue(), 6000), "deviceScaleFactor", 1, "mobile", false));
        try {
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name));
            Files.write(file, png);
            return file;
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** What the screen shows now, as a person sees it (the window, not the whole page). */
    Path viewport(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(String.format("%02d-%s.png", SHOTS.incrementAndGet(), name));
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            for (Path dir : List.of(profile, downloads)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
