package dev.signin.auth.passkeys;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import dev.signin.config.RelyingParty;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two WebAuthn ceremonies, verified by webauthn4j as the spec says: the client data names the
 * challenge we issued and one of the configured origins, the authenticator data was made for our
 * relying party id, the user was present and verified (a PIN or biometric on the authenticator),
 * the key is ES256 or RS256, and at sign-in the signature checks out with the stored key and the
 * counter went up. Attestation is not asked for (passkeys of any make are accepted, "none").
 * Whatever the browser sent that does not pass, however malformed, ends in {@link Refused}.
 */
public final class WebAuthnCeremonies {

    /** The answer was not accepted; the reason is for the server's log, never for the browser. */
    public static final class Refused extends Exception {
        Refused(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /** A passkey just made: its id, what is stored to check its signatures, and its counter. */
    public record NewCredential(byte[] credentialId, byte[] publicKey, long signCount) {
    }

    static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentials = new AttestedCredentialDataConverter(new ObjectConverter());
    private final RelyingParty relyingParty;
    private final Set<Origin> origins;

    public WebAuthnCeremonies(RelyingParty relyingParty) {
        this.relyingParty = relyingParty;
        this.origins = relyingParty.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    public NewCredential register(byte[] challenge, byte[] clientDataJson, byte[] attestationObject) throws Refused {
        try {
            RegistrationData data = manager.verify(new RegistrationRequest(attestationObject, clientDataJson),
                    new RegistrationParameters(server(challenge), ALGORITHMS, true, true));
            AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData credential = authenticator.getAttestedCredentialData();
            return new NewCredential(credential.getCredentialId(), credentials.convert(credential), authenticator.getSignCount());
        } catch (RuntimeException e) {
            // webauthn4j's VerificationException and DataConversionException, and whatever garbage provokes
            throw new Refused("registration refused: " + e, e);
        }
    }

    /** Checks a sign-in with a stored passkey; the authenticator's new counter. */
    public long authenticate(byte[] challenge, byte[] credentialId, byte[] userHandle, byte[] authenticatorData, byte[] clientDataJson,
                      byte[] signature, byte[] publicKey, long signCount) throws Refused {
        try {
            AttestedCredentialData stored = credentials.convert(publicKey);
            CredentialRecord record = new CredentialRecordImpl(new NoneAttestationStatement(), true, null, null, signCount, stored,
                    null, null, null, null);
            AuthenticationData data = manager.verify(
                    new AuthenticationRequest(credentialId, userHandle, authenticatorData, clientDataJson, null, signature),
                    new AuthenticationParameters(server(challenge), record, null, true, true));
            return data.getAuthenticatorData().getSignCount();
        } catch (RuntimeException e) {
            throw new Refused("sign-in refused: " + e, e);
        }
    }

    private ServerProperty server(byte[] challenge) {
        return new ServerProperty(origins, relyingParty.id(), new DefaultChallenge(challenge));
    }
}
