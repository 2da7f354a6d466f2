package dev.slipway.devinfra;

/** Local infrastructure could not be brought up; the message says what to do about it. */
public class InfraException extends RuntimeException {

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
