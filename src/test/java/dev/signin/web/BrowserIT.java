package dev.signin.web;

import dev.signin.testing.Accounts;
import dev.signin.testing.Browser;
import dev.signin.testing.Chromium;
import dev.signin.testing.MailServer;
import dev.signin.testing.MailServer.Mailbox;
import dev.signin.testing.PayaraMicro;
import dev.signin.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.signin.testing.Accounts.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flows in a real browser (headless Chromium), with a screenshot of every page. */
@TestServer.Shared
class BrowserIT {

    private final List<WebDriver> drivers = new ArrayList<>();
    private String base;
    /** The same server by name: passkeys need a host name (WebAuthn refuses an IP address), and http://localhost is a secure context. */
    private String localhost;

    @BeforeAll
    static void chromium() {
        Chromium.assumeInstalled();
    }

    @BeforeEach
    void server(PayaraMicro server) {
        base = server.uri("").toString();
        localhost = "http://localhost:" + server.port();
    }

    @AfterEach
    void closeBrowsers() {
        drivers.forEach(WebDriver::quit);
    }

    private WebDriver browser() {
        WebDriver driver = Chromium.open();
        drivers.add(driver);
        return driver;
    }

    private void open(WebDriver driver, String path) {
        driver.get(base + path);
    }

    private static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Does what loads a new page (a form submission) and waits until that page is there: a click
     * may return before the browser has left the old page, and reading the URL then is a race.
     * The old page is marked on its window object, which a navigation replaces. (Waiting for an
     * old element to go stale is not enough: Chromium 156 sometimes answers that check with
     * "Node with given id does not belong to the document" instead of a stale element.)
     */
    private static void andWait(WebDriver driver, Runnable submission) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        page.executeScript("window.signinOldPage = true");
        submission.run();
        new WebDriverWait(driver, Duration.ofSeconds(20))
                // mid-navigation, the driver may answer a script with an error instead of a result
                .ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(page.executeScript(
                        "return window.signinOldPage !== true && document.readyState === 'complete'")));
    }

    private static String path(WebDriver driver) {
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf('/', "http://".length()));
    }

    private static String heading(WebDriver driver) {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private void signIn(WebDriver driver, String username, String password, boolean remember) {
        open(driver, "/sign-in");
        type(driver, "username", username);
        type(driver, "password", password);
        if (remember) {
            driver.findElement(By.id("remember")).click();
        }
        andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit].primary")).click());
    }

    /** A user made over plain HTTP (fast), to be signed in through the browser. */
    private String existingUser(String prefix) {
        return Accounts.signUp(new Browser(java.net.URI.create(base)), prefix);
    }

    @Test
    void signUpSeeTheProfileReloadSignOutAndBackDoesNotShowIt() {
        WebDriver driver = browser();
        open(driver, "/sign-up");
        Chromium.screenshot(driver, "sign-up");
        String username = Accounts.uniqueUsername("browser");
        type(driver, "username", username);
        type(driver, "name", "Ada Lovelace");
        type(driver, "password", PASSWORD);
        type(driver, "confirm", PASSWORD);
        andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit]")).click());

        assertEquals("/", path(driver));
        assertEquals("Ada Lovelace", heading(driver));
        assertTrue(driver.getPageSource().contains("Welcome! Your account has been created."));
        Chromium.screenshot(driver, "profile");

        driver.navigate().refresh();
        assertEquals("Ada Lovelace", heading(driver), "a reload keeps the session");
        assertFalse(driver.getPageSource().contains("Welcome!"), "the notice was shown once");

        andWait(driver, () -> driver.findElement(By.xpath("//button[text()='Sign out']")).click());
        assertEquals("/sign-in", path(driver));
        assertTrue(driver.findElement(By.cssSelector("[role=status]")).getText().contains("You have been signed out."));
        Chromium.screenshot(driver, "signed-out");

        driver.navigate().back();
        assertFalse(driver.getPageSource().contains("Ada Lovelace"), "no-store: the back button shows no profile");
        assertTrue(path(driver).startsWith("/sign-in"), path(driver));
    }

    @Test
    void visitingTheAccountPageSignedOutLeadsThereAfterSignIn() {
        String username = existingUser("next");
        WebDriver driver = browser();
        open(driver, "/account");
        assertEquals("/sign-in?next=%2Faccount", path(driver));
        Chromium.screenshot(driver, "sign-in");
        type(driver, "username", username);
        type(driver, "password", PASSWORD);
        andWait(driver, () -> driver.findElement(By.id("password")).submit());
        assertEquals("/account", path(driver));
        assertEquals("Account settings", heading(driver));
        Chromium.screenshot(driver, "account");
    }

    @Test
    void aWrongPasswordShowsTheMessageKeepsTheUsernameAndEmptiesThePassword() {
        String username = existingUser("wrong");
        WebDriver driver = browser();
        signIn(driver, username, "not the password", false);
        assertEquals("Invalid username or password", driver.findElement(By.id("sign-in-error")).getText());
        assertEquals(username, driver.findElement(By.id("username")).getAttribute("value"));
        assertEquals("", driver.findElement(By.id("password")).getAttribute("value"));
        assertEquals("sign-in-error", driver.switchTo().activeElement().getAttribute("id"), "focus on the message");
        Chromium.screenshot(driver, "sign-in-error");
    }

    @Test
    void rememberMeOutlivesTheSessionCookieAndWithoutItYouAreSignedOut() {
        String username = existingUser("remember");
        WebDriver remembered = browser();
        signIn(remembered, username, PASSWORD, true);
        assertEquals("/", path(remembered));
        remembered.manage().deleteCookieNamed("signin_session");
        remembered.navigate().refresh();
        assertEquals("/", path(remembered));
        assertEquals("Name of " + username, heading(remembered), "still signed in");

        WebDriver forgetful = browser();
        signIn(forgetful, username, PASSWORD, false);
        assertEquals("/", path(forgetful));
        forgetful.manage().deleteCookieNamed("signin_session");
        forgetful.navigate().refresh();
        assertTrue(path(forgetful).startsWith("/sign-in"), "signed out without the tick");
    }

    @Test
    void aPasswordChangeInOneBrowserSignsTheOtherOut() {
        String username = existingUser("twobrowsers");
        WebDriver phone = browser();
        WebDriver laptop = browser();
        signIn(phone, username, PASSWORD, false);
        signIn(laptop, username, PASSWORD, true);
        assertEquals("/", path(laptop));

        open(phone, "/account");
        type(phone, "current", PASSWORD);
        type(phone, "password", "another long passphrase");
        type(phone, "confirm", "another long passphrase");
        andWait(phone, () -> phone.findElement(By.xpath("//button[text()='Change password']")).click());
        assertEquals("/account", path(phone));
        assertTrue(phone.getPageSource().contains("Your password has been changed."));
        Chromium.screenshot(phone, "password-changed");

        laptop.navigate().refresh();
        assertTrue(path(laptop).startsWith("/sign-in"), "the laptop is signed out, remember-me or not: " + path(laptop));
    }

    @Test
    void theKeyboardAloneSignsIn() {
        String username = existingUser("keyboard");
        WebDriver driver = browser();
        open(driver, "/sign-in");
        Actions keys = new Actions(driver);
        for (int i = 0; i < 10 && !"username".equals(driver.switchTo().activeElement().getAttribute("id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertEquals("username", driver.switchTo().activeElement().getAttribute("id"), "Tab reaches the username");
        keys.sendKeys(username).sendKeys(Keys.TAB).perform();
        assertEquals("password", driver.switchTo().activeElement().getAttribute("id"), "then the password");
        andWait(driver, () -> keys.sendKeys(PASSWORD).sendKeys(Keys.ENTER).perform());
        assertEquals("/", path(driver));
        assertEquals("Name of " + username, heading(driver));
    }

    @Test
    void signUpErrorsAreAnnouncedAndFocused() {
        WebDriver driver = browser();
        open(driver, "/sign-up");
        type(driver, "username", "a!");
        type(driver, "password", "short");
        andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit]")).click());

        WebElement summary = driver.switchTo().activeElement();
        assertEquals("error-summary", summary.getAttribute("id"), "focus moves to the summary");
        assertEquals("alert", summary.getAttribute("role"), "and it is announced");
        assertTrue(summary.getText().contains("Enter your name."), summary.getText());
        WebElement name = driver.findElement(By.id("name"));
        assertEquals("true", name.getAttribute("aria-invalid"));
        assertEquals("name-error", name.getAttribute("aria-describedby"));
        Chromium.screenshot(driver, "sign-up-errors");

        summary.findElement(By.linkText("Enter your name.")).click();
        assertEquals("name", driver.switchTo().activeElement().getAttribute("id"), "the summary links to the field");
    }

    @Test
    void errorPagesLookLikeTheSite() {
        WebDriver driver = browser();
        open(driver, "/no/such/page");
        assertEquals("Page not found", heading(driver));
        Chromium.screenshot(driver, "not-found");
    }

    /** Chromium's virtual authenticator: a platform authenticator (like a laptop's) that keeps passkeys and verifies its user. */
    private static VirtualAuthenticator authenticator(WebDriver driver) {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
    }

    @Test
    void addAPasskeyInTheSettingsThenSignInWithItAndNoOtherBrowserCan() {
        String username = existingUser("passkey");
        WebDriver laptop = browser();
        VirtualAuthenticator authenticator = authenticator(laptop);
        laptop.get(localhost + "/sign-in");
        type(laptop, "username", username);
        type(laptop, "password", PASSWORD);
        andWait(laptop, () -> laptop.findElement(By.cssSelector("button[type=submit].primary")).click());
        assertEquals("/", path(laptop));

        laptop.get(localhost + "/account/passkeys");
        assertEquals("Passkeys", heading(laptop));
        assertTrue(laptop.findElement(By.id("passkey-add")).isDisplayed(), "the script shows the form");
        assertFalse(laptop.findElement(By.id("passkey-needs-script")).isDisplayed());
        Chromium.screenshot(laptop, "passkeys");
        type(laptop, "add-name", "My laptop");
        type(laptop, "add-current", PASSWORD);
        andWait(laptop, () -> laptop.findElement(By.id("passkey-button")).click());
        assertEquals("/account/passkeys", path(laptop));
        assertTrue(laptop.findElement(By.cssSelector("[role=status]")).getText().contains("Passkey added."));
        assertEquals("My laptop", laptop.findElement(By.cssSelector(".passkey-name")).getText());
        assertEquals(1, authenticator.getCredentials().size(), "the authenticator keeps it");
        assertTrue(authenticator.getCredentials().get(0).isResidentCredential(), "discoverable");
        Chromium.screenshot(laptop, "passkeys-added");

        andWait(laptop, () -> laptop.findElement(By.xpath("//button[text()='Sign out']")).click());
        assertEquals("/sign-in", path(laptop));
        assertTrue(laptop.findElement(By.id("passkey-button")).isDisplayed());
        Chromium.screenshot(laptop, "sign-in-passkey");
        andWait(laptop, () -> laptop.findElement(By.id("passkey-button")).click());
        assertEquals("/", path(laptop));
        assertEquals("Name of " + username, heading(laptop), "signed in with the passkey alone, no username typed");

        WebDriver stranger = browser();
        authenticator(stranger); // an authenticator without this site's passkey
        stranger.get(localhost + "/sign-in");
        stranger.findElement(By.id("passkey-button")).click();
        WebElement error = new WebDriverWait(stranger, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.id("passkey-error")).isDisplayed() ? d.findElement(By.id("passkey-error")) : null);
        assertEquals("No passkey was used. Please try again.", error.getText());
        assertTrue(path(stranger).startsWith("/sign-in"), path(stranger));
        stranger.get(localhost + "/");
        assertTrue(path(stranger).startsWith("/sign-in"), "not signed in");
    }

    @Test
    void aChangeOfTheFactorsIsConfirmedWithAPasskeyThroughTheScript() {
        String username = existingUser("stepup");
        WebDriver laptop = browser();
        authenticator(laptop);
        laptop.get(localhost + "/sign-in");
        type(laptop, "username", username);
        type(laptop, "password", PASSWORD);
        andWait(laptop, () -> laptop.findElement(By.cssSelector("button[type=submit].primary")).click());
        laptop.get(localhost + "/account/passkeys");
        type(laptop, "add-name", "My laptop");
        type(laptop, "add-current", PASSWORD);
        andWait(laptop, () -> laptop.findElement(By.id("passkey-button")).click());
        assertTrue(laptop.findElement(By.cssSelector("[role=status]")).getText().contains("Passkey added."));

        // The passkey is the account's second factor now: setting up an app takes it as well as the password.
        laptop.get(localhost + "/account/two-step");
        assertTrue(laptop.findElement(By.cssSelector("#start-passkey .step-up-button")).isDisplayed(), "the script shows the button");
        assertFalse(laptop.findElement(By.cssSelector("#start-passkey .step-up-needs-script")).isDisplayed());
        Chromium.screenshot(laptop, "step-up");
        type(laptop, "start-current", PASSWORD);
        // The form's own button: with a passkey as the only second factor, the script confirms with it first.
        andWait(laptop, () -> laptop.findElement(By.cssSelector("form[action$='/start'] button[type=submit]")).click());
        assertEquals("/account/two-step", path(laptop));
        assertTrue(laptop.findElement(By.id("totp-key")).isDisplayed(), "the set-up began, confirmed with the passkey");

        // "Confirm with a passkey" on a passkey's own form removes it.
        laptop.get(localhost + "/account/passkeys");
        WebElement remove = laptop.findElement(By.cssSelector("form[action$='/remove']"));
        remove.findElement(By.cssSelector("input[type=password]")).sendKeys(PASSWORD);
        andWait(laptop, () -> remove.findElement(By.cssSelector(".step-up-button")).click());
        assertEquals("/account/passkeys", path(laptop));
        assertTrue(laptop.findElement(By.cssSelector("[role=status]")).getText().contains("Passkey removed."));
        assertTrue(laptop.findElement(By.id("no-passkeys")).isDisplayed());
    }

    /** "Forgot your password?" needs a server that sends mail, which the shared one does not: MailServer's, with GreenMail. */
    @Nested
    @ExtendWith(MailServer.class)
    class Recovery {

        @Test
        void forgotPasswordFromTheSignInPageThenTheMailedLinkSetsANewPasswordThatSignsIn(Mailbox mailbox) {
            PayaraMicro mailing = mailbox.server();
            String home = "http://localhost:" + mailing.port(); // its signin.base-url: the mailed link starts with it
            String email = Accounts.uniqueUsername("browser-reset") + "@mail.test";
            String username = Accounts.signUpVerified(new Browser(mailing.uri("")), mailbox, email);

            WebDriver driver = browser();
            driver.get(home + "/sign-in");
            andWait(driver, () -> driver.findElement(By.linkText("Forgot your password?")).click());
            assertEquals("/password/forgot", path(driver));
            assertEquals("Forgot your password?", heading(driver));
            Chromium.screenshot(driver, "forgot-password");
            type(driver, "email", email);
            andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit].primary")).click());
            assertEquals("Check your mail", heading(driver));
            assertTrue(driver.findElement(By.cssSelector("[role=status]")).getText().contains(email));

            String link = Mailbox.link(mailbox.await(email, "Reset your password"));
            assertTrue(link.startsWith(home + "/password/reset?token="), link);
            driver.get(link);
            assertEquals("Choose a new password", heading(driver));
            Chromium.screenshot(driver, "reset-password");
            String chosen = "a new passphrase from the mail";
            type(driver, "password", chosen);
            type(driver, "confirm", chosen);
            andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit].primary")).click());
            assertEquals("/sign-in", path(driver));
            assertTrue(driver.findElement(By.cssSelector("[role=status]")).getText().contains("Your password has been reset"));

            type(driver, "username", username);
            type(driver, "password", PASSWORD);
            andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit].primary")).click());
            assertEquals("Invalid username or password", driver.findElement(By.id("sign-in-error")).getText(), "the old password no longer works");
            type(driver, "password", chosen);
            andWait(driver, () -> driver.findElement(By.cssSelector("button[type=submit].primary")).click());
            assertEquals("/", path(driver));
            assertEquals("Name of " + username, heading(driver), "signed in with the new password");
        }
    }
}
