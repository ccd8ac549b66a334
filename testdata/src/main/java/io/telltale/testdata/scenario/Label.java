package io.telltale.testdata.scenario;

/** What a scenario's traffic is, as the truth file says it. */
public enum Label {
    NORMAL("normal"),
    BENIGN_UNDECLARED("benign-undeclared"),
    MALICIOUS("malicious");

    private final String text;

    Label(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
