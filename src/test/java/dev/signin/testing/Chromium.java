package dev.signin.testing;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: nothing is downloaded at
 * test time. Without them the browser tests are skipped with a message, except under CI=true,
 * where a missing browser fails the build.
 */
public final class Chromium {

    public static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
    public static final int DESKTOP = 1280;
    public static final int PHONE = 375;

    private Chromium() {
    }

    public static void assumeInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "Chromium browser tests need " + BROWSER + " and " + DRIVER
                + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message + ": missing under CI=true");
        }
        Assumptions.abort("Skipped: " + message);
    }

    /** A new browser with its own profile: its own cookies, like another person's computer. */
    public static WebDriver open() {
        assumeInstalled();
        try {
            Path profile = Files.createTempDirectory("signin-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-extensions", "--password-store=basic",
                    "--window-size=" + DESKTOP + ",900", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the whole page at desktop and phone widths as NAME-1280.png and NAME-375.png. */
    public static void screenshot(WebDriver driver, String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            // Emulate a device of that width, then as tall as the page, so the picture holds the whole page.
            ChromeDriver chrome = (ChromeDriver) driver;
            for (int width : new int[]{DESKTOP, PHONE}) {
                chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                        Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
                Object height = chrome.executeScript(
                        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
                chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                        "height", Math.max(600, ((Number) height).intValue()), "deviceScaleFactor", 1, "mobile", width < 600));
                byte[] png = chrome.getScreenshotAs(OutputType.BYTES);
                Files.write(dir.resolve(name + "-" + width + ".png"), png);
            }
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
