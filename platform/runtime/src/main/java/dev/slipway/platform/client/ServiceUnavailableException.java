package dev.slipway.platform.client;

/**
 * SEC-4: the called service did not answer (connection refused, a timeout, 502, 503, 504) in any of
 * the call's attempts. Not a failure of the caller's work: it waits (a deployment stays QUEUED) and
 * tries again later.
 */
public class ServiceUnavailableException extends ServiceCallException {

    private final int attempts;

    public ServiceUnavailableException(String target, int attempts, String reason, Throwable cause) {
        super(target, target + " is unavailable after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + reason, cause);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
