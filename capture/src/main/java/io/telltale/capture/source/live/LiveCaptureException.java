package io.telltale.capture.source.live;

/**
 * A live source could not be opened or configured: names the interface, the step and the system's
 * reason (errno text), so an operator knows whether it is a name, a privilege or a kernel limit.
 */
public final class LiveCaptureException extends RuntimeException {

    public LiveCaptureException(String message) {
        super(message);
    }
}
