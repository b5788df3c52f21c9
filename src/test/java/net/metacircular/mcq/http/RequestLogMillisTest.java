package net.metacircular.mcq.http;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The request log's duration reads as {@code String.format("%.1f")} would write it. */
class RequestLogMillisTest {

    @Test
    void writesOneDecimalLikeFormat() {
        double[] samples = {0, 0.04, 0.05, 0.06, 0.94, 0.96, 1, 1.25, 9.99, 12.345, 99.95, 1234.5678, 86_400_000.1};
        for (double millis : samples) {
            assertThat(HttpServer.tenths(millis)).as("%s ms", millis)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", millis));
        }
    }

    @Test
    void oddValuesStillGetALine() {
        assertThat(HttpServer.tenths(Double.NaN)).isEqualTo(String.format("%.1f", Double.NaN));
        assertThat(HttpServer.tenths(-1.5)).isEqualTo(String.format("%.1f", -1.5));
    }
}
