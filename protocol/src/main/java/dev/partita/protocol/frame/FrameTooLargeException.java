package dev.partita.protocol.frame;

/**
 * A frame whose size prefix is above the configured maximum. Detected from the 4-byte prefix
 * alone, before any byte of the body is buffered.
 */
public class FrameTooLargeException extends InvalidFrameException {

    private static final long serialVersionUID = 1L;

    private final long frameSize;
    private final int maxFrameBytes;

    public FrameTooLargeException(long frameSize, int maxFrameBytes) {
        super("frame of " + frameSize + " bytes exceeds the maximum of " + maxFrameBytes + " bytes");
        this.frameSize = frameSize;
        this.maxFrameBytes = maxFrameBytes;
    }

    public long frameSize() { return frameSize; }

    public int maxFrameBytes() { return maxFrameBytes; }
}
