package net.metacircular.mcq.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {

    @TempDir
    Path dir;

    @Test
    void optionsWinOverTheEnvironment() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  from-file\n");
        ClientSettings settings = ClientSettings.resolve("https://option.example", file, null, Map.of(
                ClientSettings.SERVER_URL_ENV, "https://env.example",
                ClientSettings.TOKEN_ENV, "from-env"));
        assertThat(settings.server()).hasToString("https://option.example");
        assertThat(settings.token()).isEqualTo("from-file");
    }

    @Test
    void theTokenFileVariableWinsOverTheTokenVariable() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file");
        ClientSettings settings = ClientSettings.resolve(null, null, null, Map.of(
                ClientSettings.SERVER_URL_ENV, "http://localhost:8080",
                ClientSettings.TOKEN_FILE_ENV, file.toString(),
                ClientSettings.TOKEN_ENV, "from-env"));
        assertThat(settings.token()).isEqualTo("from-file");
        assertThat(ClientSettings.resolve(null, null, null, Map.of(ClientSettings.SERVER_URL_ENV, "http://h",
                ClientSettings.TOKEN_ENV, "from-env")).token()).isEqualTo("from-env");
    }

    @Test
    void missingOrUnusableSettingsSayWhatToDo() throws Exception {
        assertThatThrownBy(() -> ClientSettings.resolve(null, null, null, Map.of(ClientSettings.TOKEN_ENV, "t")))
                .hasMessageContaining("--server").hasMessageContaining(ClientSettings.SERVER_URL_ENV);
        assertThatThrownBy(() -> ClientSettings.resolve("http://h", null, null, Map.of()))
                .hasMessageContaining("--token-file").hasMessageContaining(ClientSettings.TOKEN_FILE_ENV);
        assertThatThrownBy(() -> ClientSettings.resolve("ftp://h", null, null, Map.of(ClientSettings.TOKEN_ENV, "t")))
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> ClientSettings.resolve("http://h", dir.resolve("absent"), null, Map.of()))
                .hasMessageContaining("cannot read the token file");
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThatThrownBy(() -> ClientSettings.resolve("http://h", empty, null, Map.of())).hasMessageContaining("is empty");
    }

    @Test
    void anUnusableCaFileIsASetupError() throws Exception {
        Path notPem = dir.resolve("ca.pem");
        Files.writeString(notPem, "not a certificate");
        ClientSettings settings = ClientSettings.resolve("https://h", null, null, Map.of(
                ClientSettings.TOKEN_ENV, "t", ClientSettings.CA_CERT_ENV, notPem.toString()));
        assertThat(settings.caCert()).isEqualTo(notPem);
        assertThatThrownBy(settings::client).isInstanceOf(ClientSettings.SetupException.class)
                .hasMessageContaining("cannot load CA certificate " + notPem);
    }

    @Test
    void theTokenIsNotPrinted() {
        ClientSettings settings = ClientSettings.resolve("http://h", null, null, Map.of(ClientSettings.TOKEN_ENV, "secret-token"));
        assertThat(settings.toString()).doesNotContain("secret-token");
    }
}
