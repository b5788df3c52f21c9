package net.metacircular.mcq.devidp;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECKey;

/** Ed25519 key handling with the JDK provider only. */
final class Ed25519Keys {
    private Ed25519Keys() {
    }

    /** A fresh key pair; the provider makes one per instance so tokens never outlive it by design. */
    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    static void requireEd25519(Key key) {
        if (!(key instanceof EdECKey ed) || !"Ed25519".equalsIgnoreCase(ed.getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
        }
    }
}
