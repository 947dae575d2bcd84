package io.github.bttracker.webrtc;

/**
 * libwebrtc cannot run here: its native library is missing, does not load (usually a missing system library), or
 * there is none for this platform. The message names the fix. Nothing else is affected: the tracker client works as
 * without WebRTC. Thrown by {@link NativeWebRtc.Builder#build()}; in a Bt runtime ({@link BtWebRtcModule}) the
 * plugin catches it and logs one warning.
 */
public final class WebRtcUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final String FIX = "WebRTC is unavailable: libwebrtc (webrtc-java 0.14.0) could not be loaded on "
            + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ". On Debian or Ubuntu run "
            + "'apt-get install libpulse0 libxfixes3 libxrandr2 libxcomposite1'; make sure the native jar for this "
            + "platform (dev.onvoid.webrtc:webrtc-java, classifier linux-x86_64, linux-aarch64, linux-aarch32, "
            + "macos-x86_64, macos-aarch64 or windows-x86_64) is on the class path";

    WebRtcUnavailableException(Throwable cause) {
        super(FIX + " (" + cause + ")", cause);
    }
}
