package dev.slipway.platform.security;

/** Token groups with meaning to Slipway (SEC-1). */
public final class Groups {

    /** Platform staff: read every project, decide tickets. */
    public static final String SUPPORT = "support";
    /** Another Slipway service calling in. */
    public static final String SERVICE = "service";

    private Groups() {
    }
}
