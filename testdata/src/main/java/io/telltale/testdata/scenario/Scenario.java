package io.telltale.testdata.scenario;

/**
 * One scenario of {@code reference/domain.md} §5: it plans its conversations over the generated
 * period and states its truth. Plans draw only from the plan's random stream.
 */
public interface Scenario {

    /** N1…N8, A1…A17, with a suffix for variants ({@code A1-jitter50}) and twins ({@code N2-twin}). */
    String id();

    /** One line for {@code telltale generate --list}. */
    String title();

    Label label();

    void plan(Plan plan);
}
