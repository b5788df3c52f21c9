package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver, with a
 * fresh profile, no background traffic and no downloaded driver.
 */
final class Chrome implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final ChromeDriverService service;

    /** Skips the calling test class, with the reason, where Chromium is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "browser tests skipped: no Chromium at " + CHROMIUM + " (install the chromium and "
                        + "chromium-driver packages; the CI script does)");
    }

    Chrome(Path profileDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profileDir.toAbsolutePath(), "--window-size=1440,900",
                "--hide-scrollbars", "--lang=en-US");
        // Dialogs are left open so the tests see (and can fail on) an unexpected alert.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** Fills MCQ's sign-in form on the current page and submits it. */
    void submitSignInForm(String username, String password) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
    }

    /** Signs in as alice on MCQ's sign-in page and waits for the queue. */
    void signInAsAlice(TestMcq mcq) {
        driver.get(mcq.baseUrl() + "/login");
        submitSignInForm(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);
        waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/"));
    }

    /** Installs the XSS trap in every page before its own scripts run ({@link XssBrowserTest#TRAP}). */
    void trapScripts() {
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", XssBrowserTest.TRAP));
    }

    /** Closes what a test class started, skipping what never started. */
    static void closeAll(AutoCloseable... started) throws Exception {
        for (AutoCloseable each : started) {
            if (each != null) {
                each.close();
            }
        }
    }

    /** Waits that outlast a page being redrawn while it is read. */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A desktop window of the given width (CSS pixels). */
    void desktop(int width, int height) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A phone: the viewport is {@code width} CSS pixels and the page's viewport meta applies. */
    void phone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    }

    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                "features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves what the window shows to target/screenshots/{name}.png. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
