package dev.partita.broker;

import dev.partita.protocol.frame.EncodedFrame;
import dev.partita.protocol.frame.ErrorResponseException;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.frame.RequestHeader;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * A blocking, one-connection test client speaking frames directly (no client library): sends any
 * request or raw bytes and reads response frames, so tests control exactly what goes on the wire.
 * Reads time out after 20 s so a broken broker fails the test instead of hanging it.
 */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId = 1;

    public RawClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public static RawClient connect(PartitaBroker broker) throws IOException {
        return new RawClient("127.0.0.1", broker.port());
    }

    /** Sends a request and returns its response. */
    @SuppressWarnings("unchecked") // the response type of an API is fixed by the API key
    public <R extends ApiResponse> R send(ApiRequest request) throws IOException {
        int correlationId = sendOnly(request);
        ByteBuffer frame = readFrame();
        int got = FrameCodec.peekCorrelationId(frame.duplicate());
        if (got != correlationId) {
            throw new IOException("expected correlation id " + correlationId + ", got " + got);
        }
        return (R) FrameCodec.decodeResponse(request.apiKey(), (short) 0, frame);
    }

    /** Sends a request, returns its correlation id without reading the answer (pipelining). */
    public int sendOnly(ApiRequest request) throws IOException {
        int correlationId = nextCorrelationId++;
        EncodedFrame frame = FrameCodec.encodeRequest(new RequestHeader(request.apiKey(), (short) 0, correlationId), request);
        writeRaw(frame.toByteBuffer());
        return correlationId;
    }

    /** Reads the response to an earlier {@link #sendOnly}. */
    public ApiResponse read(ApiKey apiKey, int expectedCorrelationId) throws IOException {
        ByteBuffer frame = readFrame();
        int got = FrameCodec.peekCorrelationId(frame.duplicate());
        if (got != expectedCorrelationId) {
            throw new IOException("expected correlation id " + expectedCorrelationId + ", got " + got);
        }
        return FrameCodec.decodeResponse(apiKey, (short) 0, frame);
    }

    /**
     * Reads one response frame and decodes it expecting a request-level error.
     *
     * @return the error exception carried by the response
     */
    public ErrorResponseException readError(ApiKey apiKey) throws IOException {
        ByteBuffer frame = readFrame();
        try {
            FrameCodec.decodeResponse(apiKey, (short) 0, frame);
        } catch (ErrorResponseException e) {
            return e;
        }
        throw new AssertionError("expected an error response");
    }

    public void writeRaw(ByteBuffer bytes) throws IOException {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        out.write(copy);
        out.flush();
    }

    /** The bytes of one response frame after its size prefix. */
    public ByteBuffer readFrame() throws IOException {
        int size = in.readInt();
        byte[] body = new byte[size];
        in.readFully(body);
        return ByteBuffer.wrap(body);
    }

    /** Whether the broker closed the connection (end of stream or reset) before sending anything more. */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
