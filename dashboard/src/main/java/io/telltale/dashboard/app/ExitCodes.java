package io.telltale.dashboard.app;

/** Exit codes of the {@code telltale} command, stable for scripts. */
public final class ExitCodes {

    /** Everything was read and written. */
    public static final int OK = 0;
    /**
     * Some input was damaged or unreadable. Everything before the damage was processed and its
     * records were written; the summary names the file and byte offset.
     */
    public static final int INPUT_DAMAGED = 1;
    /** The command line was wrong (picocli's usage error code). */
    public static final int USAGE = 2;
    /** The output could not be written. */
    public static final int OUTPUT_FAILED = 3;

    private ExitCodes() {
    }
}
