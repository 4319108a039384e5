package dev.signin.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A passkey authenticator in software, for tests over plain HTTP: an ES256 key, a discoverable
 * credential with "none" attestation, user present and verified, a counter that goes up by one
 * at each use (or is set by the test). It writes exactly what a browser posts (base64url), with
 * the origin the test says it runs on: the server checks that origin and the relying party id.
 */
public final class SoftAuthenticator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte UP = 0x01;
    private static final byte UV = 0x04;
    private static final byte AT = 0x40;

    private final String rpId;
    private final String origin;
    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private byte[] userHandle;
    public long counter;

    public SoftAuthenticator(String rpId, String origin) {
        this.rpId = rpId;
        this.origin = origin;
        RANDOM.nextBytes(credentialId);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the browser posts after navigator.credentials.create: clientDataJSON and attestationObject (and the user handle it was given). */
    public Map<String, String> create(String challenge, String userHandleBase64url) {
        userHandle = Base64.getUrlDecoder().decode(userHandleBase64url);
        byte[] clientData = clientData("webauthn.create", challenge, origin);
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        authData.write(UP | UV | AT);
        authData.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
        authData.writeBytes(new byte[16]); // AAGUID
        authData.writeBytes(ByteBuffer.allocate(2).putShort((short) credentialId.length).array());
        authData.writeBytes(credentialId);
        authData.writeBytes(coseKey());
        Cbor attestation = new Cbor().map(3).text("fmt").text("none").text("attStmt").map(0).text("authData").bytes(authData.toByteArray());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userHandle", userHandleBase64url);
        fields.put("clientDataJSON", b64(clientData));
        fields.put("attestationObject", b64(attestation.out.toByteArray()));
        return fields;
    }

    /** What the browser posts after navigator.credentials.get, the counter raised by one first. */
    public Map<String, String> get(String challenge) {
        counter++;
        return assertion(challenge, origin, counter);
    }

    /** An assertion as given, with any origin and counter: for the refusals. */
    public Map<String, String> assertion(String challenge, String fromOrigin, long count) {
        byte[] clientData = clientData("webauthn.get", challenge, fromOrigin);
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
        authData.write(UP | UV);
        authData.writeBytes(ByteBuffer.allocate(4).putInt((int) count).array());
        byte[] data = authData.toByteArray();
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(data);
            signer.update(sha256(clientData));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("credentialId", b64(credentialId));
        fields.put("userHandle", b64(userHandle));
        fields.put("authenticatorData", b64(data));
        fields.put("clientDataJSON", b64(clientData));
        fields.put("signature", b64(signature));
        return fields;
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] coseKey() {
        ECPublicKey key = (ECPublicKey) keys.getPublic();
        return new Cbor().map(5).integer(1).integer(2).integer(3).integer(-7).integer(-1).integer(1)
                .integer(-2).bytes(unsigned32(key.getW().getAffineX())).integer(-3).bytes(unsigned32(key.getW().getAffineY()))
                .out.toByteArray();
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Just enough CBOR (RFC 8949) for an attestation object and a COSE key. */
    private static final class Cbor {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Cbor head(int major, long value) {
            if (value < 24) {
                out.write(major << 5 | (int) value);
            } else if (value < 256) {
                out.write(major << 5 | 24);
                out.write((int) value);
            } else {
                out.write(major << 5 | 25);
                out.write((int) (value >> 8));
                out.write((int) value & 0xff);
            }
            return this;
        }

        Cbor map(int entries) {
            return head(5, entries);
        }

        Cbor integer(long value) {
            return value >= 0 ? head(0, value) : head(1, -1 - value);
        }

        Cbor text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            head(3, utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        Cbor bytes(byte[] value) {
            head(2, value.length);
            out.writeBytes(value);
            return this;
        }
    }
}
