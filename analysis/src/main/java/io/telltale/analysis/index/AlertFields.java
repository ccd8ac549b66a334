package io.telltale.analysis.index;

/**
 * Field names of the alert index ({@code index/alerts/}): one document per alert as it fired, and one
 * per asset change, told apart by {@link #KIND}.
 */
public final class AlertFields {

    private AlertFields() {
    }

    public static final String KIND = "kind";
    public static final String ID = "alert.id";
    public static final String TIME = "time";
    public static final String SEVERITY = "alert.severity";
    public static final String CATEGORY = "alert.category";
    public static final String DETECTOR = "alert.detector";
    public static final String DEVICE = "alert.device";
    public static final String REMOTE = "alert.remote";
    /** The flows that are the alert's evidence (their numeric ids). */
    public static final String FLOW = "alert.flow";
    public static final String CHANGE = "asset.change";
    public static final String ADDRESS = "asset.address";
}
