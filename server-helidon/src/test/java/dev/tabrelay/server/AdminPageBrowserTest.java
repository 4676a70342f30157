package dev.tabrelay.server;

import dev.tabrelay.server.admin.SettingsStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.tabrelay.server.ChatSupport.answer;
import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin page in headless Chromium (Debian's {@code chromium} + {@code chromium-driver}): it loads, shows the
 * live status, saves a setting through the form, and the setting is persisted. Leaves
 * {@code target/admin-screenshot.png}. Skipped when the browser is missing, except with {@code CI=true}.
 */
class AdminPageBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("tabrelay.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("tabrelay.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(15);

    private TestRelay relay;
    private WebDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private WebDriver browser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(present, "skipped: headless Chromium not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "); apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1150",
                "--user-data-dir=" + Files.createTempDirectory("tabrelay-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void pageShowsLiveStatusAndPersistsASettingChangedInTheForm() throws IOException {
        relay = new TestRelay(b -> b.maxQueueLength(20));
        driver = browser();
        WsClient ext = chatExtension(relay, "tab-7", List.of("gpt-4o"), null);
        assertEquals(200, relay.post("/v1/admin/update-settings", "{\"recordMessageText\":true}").status());
        CompletableFuture<TestRelay.HttpResult> chat = chatAsync(relay, body("gpt-4o", false, "What is the capital of France?"));
        answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "Paris.");
        assertEquals(200, join(chat).status());

        driver.get(relay.base() + "/admin");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        String listening = "127.0.0.1:" + relay.server.port();
        wait.until(d -> text(d, "stat-listening").equals(listening));
        wait.until(d -> text(d, "live").equals("live"));
        wait.until(d -> text(d, "tabs-table").contains("tab-7"));
        wait.until(d -> text(d, "history-table").contains("Paris."));
        assertEquals("1", text(driver, "stat-extensions"));
        assertEquals("120000", value(driver, "requestTimeoutMs"));

        // A value the page refuses before sending.
        WebElement queue = driver.findElement(By.id("maxQueueLength"));
        queue.clear();
        queue.sendKeys("-5");
        driver.findElement(By.id("save")).click();
        wait.until(d -> d.findElement(By.cssSelector(".error[data-for=maxQueueLength]")).getText()
                .contains("maxQueueLength must be a whole number from 0 to 100000"));
        assertEquals(20, relay.server.chatPolicy().get().maxQueueLength(), "nothing was sent");
        queue.clear();
        queue.sendKeys("20");

        WebElement timeout = driver.findElement(By.id("requestTimeoutMs"));
        timeout.clear();
        timeout.sendKeys("5000");
        new Select(driver.findElement(By.id("newRequestBehavior"))).selectByValue("drop");
        driver.findElement(By.id("save")).click();
        wait.until(d -> text(d, "settings-message").startsWith("Saved."));
        // The next polls keep showing the saved values, and the history shows the change.
        wait.until(d -> text(d, "history-table").contains("requestTimeoutMs: 120000 -> 5000"));
        assertEquals("5000", value(driver, "requestTimeoutMs"));
        assertEquals("drop", value(driver, "newRequestBehavior"));

        Map<String, Object> info = relay.get("/v1/admin/server-info").object();
        assertEquals(5000.0, info.get("requestTimeoutMs"));
        assertEquals("drop", info.get("newRequestBehavior"));
        String saved = Files.readString(relay.dataDir.resolve(SettingsStore.FILE_NAME));
        assertTrue(saved.contains("\"requestTimeoutMs\": 5000"), saved);
        assertTrue(saved.contains("\"newRequestBehavior\": \"drop\""), saved);

        Path shot = Path.of("target", "admin-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(shot) > 10_000, "a real screenshot");
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String value(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }
}
