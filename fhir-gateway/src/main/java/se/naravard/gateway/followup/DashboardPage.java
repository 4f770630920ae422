package se.naravard.gateway.followup;

import se.naravard.gateway.citizen.CitizenPage;

/**
 * The managers' dashboard "Gemensam uppföljning" at {@value #PATH} (docs/followup.md "The dashboard"):
 * three static files from the classpath ({@code dashboard/}), served on the FHIR port with the citizen
 * page's strict headers (no inline script, {@code frame-ancestors 'none'}). It reads only the FHIR API
 * (Measure, MeasureReport, {@code MeasureReport/$liability}) with the manager's own token: the access
 * rules apply to it as to any client.
 */
public final class DashboardPage extends CitizenPage {

    private static final long serialVersionUID = 1L;

    /** Where the dashboard is served, on the FHIR port. */
    public static final String PATH = "/uppfoljning/";

    public DashboardPage() {
        super("dashboard", PATH);
    }
}
