package se.naravard.transition.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.format.MapFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code naravard.transition.*}: the county's agreement and clocks (application.yml documents each). */
@ConfigurationProperties("naravard.transition")
public class TransitionSettings {

    private String agreement = "classpath:agreements/default-3-calendar-days.properties";
    private Map<String, String> agreementByKommun = new LinkedHashMap<>();
    private Duration receiptWindow = Duration.ofHours(4);
    private Duration withdrawalWindow = Duration.ofHours(1);

    public String getAgreement() {
        return agreement;
    }

    public void setAgreement(String agreement) {
        this.agreement = agreement;
    }

    public Map<String, String> getAgreementByKommun() {
        return agreementByKommun;
    }

    public void setAgreementByKommun(
            @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> agreementByKommun) {
        this.agreementByKommun = new LinkedHashMap<>(agreementByKommun);
    }

    public Duration getReceiptWindow() {
        return receiptWindow;
    }

    public void setReceiptWindow(Duration receiptWindow) {
        this.receiptWindow = receiptWindow;
    }

    public Duration getWithdrawalWindow() {
        return withdrawalWindow;
    }

    public void setWithdrawalWindow(Duration withdrawalWindow) {
        this.withdrawalWindow = withdrawalWindow;
    }

    /** {@code naravard.transition.clock.*}: the deadline clock. */
    @ConfigurationProperties("clock")
    public static class Clock {
        private boolean enabled = true;
        private Duration interval = Duration.ofSeconds(5);
        private int batchSize = 500;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }
}
