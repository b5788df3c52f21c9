package net.metacircular.mcq.devidp;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/**
 * Signs JWS objects with alg EdDSA over Ed25519 using the JDK's own implementation. Nimbus ships
 * an Ed25519 signer too, but it needs Google Tink, which MCQ does not otherwise depend on.
 */
final class Ed25519JwsSigner implements JWSSigner {
    private final PrivateKey key;
    private final JCAContext jcaContext = new JCAContext();

    Ed25519JwsSigner(PrivateKey key) {
        Ed25519Keys.requireEd25519(key);
        this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("only EdDSA is supported, got " + header.getAlgorithm());
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(signingInput);
            return Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Ed25519 signing failed", e);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
