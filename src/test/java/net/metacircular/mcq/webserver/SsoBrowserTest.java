package net.metacircular.mcq.webserver;

import net.metacircular.mcq.testing.TestMcq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full single sign-on round trip in a real browser: MCQ sends the
 * browser to the development MCIAS's authorize page, the reviewer signs in
 * there, MCIAS redirects back (a cross-site navigation, which is why the
 * cookies are SameSite=Lax) and the reviewer lands on the page first asked for.
 */
class SsoBrowserTest {

    @TempDir
    static Path dir;
    static TestMcq mcq;
    static Chrome chrome;

    @BeforeAll
    static void start() throws IOException {
        Chrome.assumeInstalled();
        mcq = TestMcq.startWithSso(Files.createDirectories(dir.resolve("mcq")));
        chrome = new Chrome(Files.createDirectories(dir.resolve("profile")));
        mcq.push("some-doc", "Some document", "# Some document\n\n## Part one\n\nText.\n\n## Part two\n\nMore.\n",
                mcq.systemToken());
    }

    @AfterAll
    static void stop() throws Exception {
        Chrome.closeAll(chrome, mcq);
    }

    @BeforeEach
    void signedOut() {
        chrome.driver.get(mcq.baseUrl() + "/login");
        chrome.driver.manage().deleteAllCookies();
    }

    private void signInAtMcias(String username, String password) {
        chrome.waiting().until(ExpectedConditions.urlContains(mcq.idp.baseUrl() + "/sso/authorize"));
        chrome.driver.findElement(By.id("username")).sendKeys(username);
        chrome.driver.findElement(By.id("password")).sendKeys(password);
        chrome.driver.findElement(By.cssSelector("button[type=submit]")).click();
    }

    @Test
    void singleSignOnEndsSignedInOnThePageFirstAskedFor() {
        chrome.driver.get(mcq.baseUrl() + "/d/some-doc");
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/login?next=%2Fd%2Fsome-doc");
        // SSO mode: one button, no password form on MCQ's own page.
        assertThat(chrome.driver.findElements(By.id("password"))).isEmpty();
        chrome.driver.findElement(By.id("sso-signin")).click();

        signInAtMcias(TestMcq.ALICE, TestMcq.ALICE_PASSWORD);

        chrome.waiting().until(ExpectedConditions.urlToBe(mcq.baseUrl() + "/d/some-doc"));
        assertThat(chrome.driver.findElement(By.cssSelector(".doc-title")).getText()).isEqualTo("Some document");
        assertThat(chrome.driver.findElement(By.cssSelector("header.site .who")).getText()).isEqualTo("alice");
        Cookie session = chrome.driver.manage().getCookieNamed(Session.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        // The single-use state and return-to cookies are gone.
        assertThat(chrome.driver.manage().getCookieNamed(SsoFlow.STATE_COOKIE)).isNull();
        assertThat(chrome.driver.manage().getCookieNamed(SsoFlow.RETURN_COOKIE)).isNull();
    }

    @Test
    void anAccountMciasRefusesForThisServiceStaysAtMciasWithTheReason() {
        chrome.driver.get(mcq.baseUrl() + "/");
        chrome.driver.findElement(By.id("sso-signin")).click();
        signInAtMcias("mallory", "mallory-dev-password");
        assertThat(chrome.driver.getCurrentUrl()).startsWith(mcq.idp.baseUrl());
        assertThat(chrome.driver.getPageSource()).contains("may not sign in to mcq");
        assertThat(chrome.driver.manage().getCookieNamed(Session.COOKIE)).isNull();
    }

    @Test
    void aCallbackThisBrowserDidNotStartIsRefused() {
        // As if an attacker sent the reviewer a callback link carrying the attacker's own code.
        chrome.driver.get(mcq.baseUrl() + "/sso/callback?code=attackers-code&state=attackers-state");
        assertThat(chrome.driver.findElement(By.cssSelector(".error")).getText()).isEqualTo(SsoFlow.RESTART);
        assertThat(chrome.driver.manage().getCookieNamed(Session.COOKIE)).isNull();
        chrome.driver.get(mcq.baseUrl() + "/");
        assertThat(chrome.driver.getCurrentUrl()).isEqualTo(mcq.baseUrl() + "/login");
    }
}
