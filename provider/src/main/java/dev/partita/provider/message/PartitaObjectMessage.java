package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsCodecLimits;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.Objects;

/**
 * An object message: the body is the Java serialization of one {@code Serializable}, taken when
 * {@link #setObject} is called (later changes to the object are not sent). {@link #getObject()}
 * deserializes a fresh copy, allowing only the classes of its {@link ObjectMessageAllowlist}
 * (default {@link ObjectMessageAllowlist#DEFAULT}); any other class is refused with a
 * {@code MessageFormatException} naming it, before any instance of it exists. Classes resolve
 * through the thread's context class loader first. Not thread-safe.
 */
public class PartitaObjectMessage extends PartitaMessage implements ObjectMessage {

    private byte[] serialized;
    private ObjectMessageAllowlist allowlist = ObjectMessageAllowlist.DEFAULT;

    public PartitaObjectMessage() {
    }

    /** Which classes {@link #getObject()} may deserialize. */
    public void setAllowlist(ObjectMessageAllowlist allowlist) {
        this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
    }

    public ObjectMessageAllowlist allowlist() {
        return allowlist;
    }

    /** @throws MessageFormatException when the object cannot be serialized */
    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : serialize(object);
    }

    @Override
    public Serializable getObject() throws JMSException {
        return serialized == null ? null : deserialize(serialized, allowlist);
    }

    /** The serialization bytes (not copied: do not change), or null. */
    byte[] serializedForm() {
        return serialized;
    }

    @Override
    public JmsBodyType bodyType() {
        return JmsBodyType.OBJECT;
    }

    @Override
    boolean hasBody() {
        return serialized != null;
    }

    @Override
    Object bodyValue() throws JMSException {
        return getObject();
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    byte[] encodeBody() {
        return serialized;
    }

    @Override
    void decodeBody(byte[] body, JmsCodecLimits limits) {
        serialized = body;
    }

    /** Sets the serialized form directly, as a copied foreign message's bytes. */
    void setSerializedForm(byte[] bytes) {
        serialized = bytes;
    }

    static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw formatError("cannot serialize the " + object.getClass().getName() + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    static Serializable deserialize(byte[] bytes, ObjectMessageAllowlist allowlist) throws MessageFormatException {
        String[] refusal = new String[1];
        try (ObjectInputStream in = new ContextClassLoaderObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(allowlist.filter(refusal));
            Object object = in.readObject();
            if (!(object instanceof Serializable serializable)) {
                throw formatError("the body holds a " + object.getClass().getName() + ", which is not Serializable", null);
            }
            return serializable;
        } catch (InvalidClassException e) {
            String why = refusal[0] != null ? refusal[0] : e.getMessage();
            throw formatError("cannot deserialize the ObjectMessage body: " + why, e);
        } catch (IOException | ClassNotFoundException e) {
            throw formatError("cannot deserialize the ObjectMessage body: " + e, e);
        }
    }

    private static MessageFormatException formatError(String message, Exception cause) {
        MessageFormatException error = new MessageFormatException(message);
        if (cause != null) {
            error.setLinkedException(cause);
            error.initCause(cause);
        }
        return error;
    }

    /** Resolves classes with the thread's context class loader first (application classes in containers). */
    private static final class ContextClassLoaderObjectInputStream extends ObjectInputStream {

        ContextClassLoaderObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitives, the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
