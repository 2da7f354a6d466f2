package dev.slipway.platform.client;

/** A call to another Slipway service that did not give the answer asked for. Messages never hold a token or a secret value. */
public abstract class ServiceCallException extends RuntimeException {

    private final String target;

    protected ServiceCallException(String target, String message, Throwable cause) {
        super(message, cause, false, true);
        this.target = target;
    }

    /** The called service's name ({@link SlipwayService#id()}), or what else was called (the OIDC provider). */
    public String target() {
        return target;
    }
}
