//! Node.js binding of the `qudag-vault-core` crate's building blocks: its
//! AES-256-GCM cipher, Argon2id password key derivation, sealing of a vault
//! key under a password, password rules and generator, and the in-memory
//! DAG of encrypted secrets.
//!
//! The crate's `Vault` type is left out: it is a file on disk (plus sled),
//! which a JS caller can as well assemble from these pieces.

use napi::bindgen_prelude::Buffer;
use napi::{Error, Result, Status};
use napi_derive::napi;
use qudag_vault_core::crypto::VAULT_KEY_SIZE;
use qudag_vault_core::dag_storage::VaultDag;
use qudag_vault_core::kdf::{self, KdfContext, Password};
use qudag_vault_core::{utils, CharacterSet, SecretEntry, VaultCrypto, VaultError};

/// Version of the wrapped `qudag-vault-core` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn vault_error(e: VaultError) -> Error {
    let status = match e {
        VaultError::SecretNotFound(_) | VaultError::Generic(_) => Status::InvalidArg,
        _ => Status::GenericFailure,
    };
    Error::new(status, e.to_string())
}

fn key_array(key: &[u8]) -> Result<[u8; VAULT_KEY_SIZE]> {
    key.try_into().map_err(|_| {
        Error::new(
            Status::InvalidArg,
            format!("a vault key is {VAULT_KEY_SIZE} bytes, not {}", key.len()),
        )
    })
}

/// BLAKE3 digest (32 bytes), the hash the vault uses.
#[napi]
pub fn blake3(data: Buffer) -> Buffer {
    VaultCrypto::hash(&data).into()
}

/// AES-256-GCM under one vault key. Output of `encrypt` is the random
/// 12-byte nonce followed by ciphertext and 16-byte tag.
#[napi]
pub struct VaultCipher {
    inner: VaultCrypto,
}

#[napi]
impl VaultCipher {
    /// Uses `key` (32 bytes), or a fresh random key when none is given.
    #[napi(constructor)]
    pub fn new(key: Option<Buffer>) -> Result<Self> {
        let inner = match key {
            Some(k) => VaultCrypto::from_key(key_array(&k)?),
            None => VaultCrypto::new().map_err(vault_error)?,
        };
        Ok(Self { inner })
    }

    #[napi(getter)]
    pub fn key(&self) -> Buffer {
        self.inner.get_key().to_vec().into()
    }

    #[napi]
    pub fn encrypt(&self, plaintext: Buffer) -> Result<Buffer> {
        self.inner.encrypt(&plaintext).map(Into::into).map_err(vault_error)
    }

    /// Throws when the tag does not match (wrong key or altered bytes).
    #[napi]
    pub fn decrypt(&self, ciphertext: Buffer) -> Result<Buffer> {
        self.inner.decrypt(&ciphertext).map(Into::into).map_err(vault_error)
    }
}

#[napi(object)]
pub struct DerivedKey {
    pub key: Buffer,
    /// The salt, in the unpadded base64 of PHC strings.
    pub salt: String,
    /// Argon2id cost parameters, "m=65536,t=3,p=4".
    pub params: String,
}

/// Derives a 32-byte key from `password` with Argon2id. Without `salt` a
/// random one is drawn; pass the returned salt back to derive the same key.
#[napi]
pub fn derive_key(password: String, salt: Option<String>) -> Result<DerivedKey> {
    let password = Password::new(password);
    let (key, salt) = match salt {
        None => {
            let (key, context) = kdf::derive_key(&password).map_err(vault_error)?;
            (key, context.salt)
        }
        Some(salt) => {
            let context = KdfContext {
                salt,
                params: kdf_params(),
            };
            let key = kdf::derive_key_with_context(&password, &context).map_err(vault_error)?;
            (key, context.salt)
        }
    };
    Ok(DerivedKey {
        key: key.to_vec().into(),
        salt,
        params: kdf_params(),
    })
}

// The crate fixes its Argon2 costs and only reports them as this string.
fn kdf_params() -> String {
    "m=65536,t=3,p=4".to_string()
}

#[napi(object)]
pub struct SealedKey {
    /// The vault key encrypted (AES-256-GCM) under the password's key.
    pub sealed: Buffer,
    pub salt: String,
    pub params: String,
}

/// Encrypts a 32-byte vault key under a key derived from `password`.
#[napi]
pub fn seal_vault_key(vault_key: Buffer, password: String) -> Result<SealedKey> {
    let key = key_array(&vault_key)?;
    let (sealed, context) =
        kdf::encrypt_vault_key(&key, &Password::new(password)).map_err(vault_error)?;
    Ok(SealedKey {
        sealed: sealed.into(),
        salt: context.salt,
        params: context.params,
    })
}

/// Inverse of `sealVaultKey`; a wrong password throws.
#[napi]
pub fn open_vault_key(sealed: Buffer, password: String, salt: String) -> Result<Buffer> {
    let context = KdfContext {
        salt,
        params: kdf_params(),
    };
    kdf::decrypt_vault_key(&sealed, &Password::new(password), &context)
        .map(|k| k.to_vec().into())
        .map_err(vault_error)
}

/// Null when `password` meets the vault's rules (8+ characters, a lower-case
/// letter, an upper-case letter, a digit), else the first rule it breaks.
#[napi]
pub fn validate_password(password: String) -> Option<String> {
    utils::validate_password(&password).err()
}

/// A random password of `length` characters from one of the crate's sets.
#[napi]
pub fn generate_password(length: u32, charset: String) -> Result<String> {
    let set = match charset.as_str() {
        "lowercase" => CharacterSet::Lowercase,
        "uppercase" => CharacterSet::Uppercase,
        "digits" => CharacterSet::Digits,
        "special" => CharacterSet::Special,
        "alphanumeric" => CharacterSet::Alphanumeric,
        "all" => CharacterSet::All,
        other => {
            return Err(Error::new(
                Status::InvalidArg,
                format!(
                    "charset must be lowercase, uppercase, digits, special, alphanumeric or all, not {other:?}"
                ),
            ))
        }
    };
    Ok(utils::generate_password(length as usize, set))
}

#[napi(object)]
pub struct Secret {
    pub label: String,
    pub username: String,
    pub password: String,
    pub url: Option<String>,
    pub notes: Option<String>,
    pub tags: Option<Vec<String>>,
}

/// The vault's DAG of secrets, each encrypted under the store's own random
/// key; categories are created on first use and hang off the root.
#[napi]
pub struct SecretStore {
    dag: VaultDag,
    crypto: VaultCrypto,
}

#[napi]
impl SecretStore {
    #[napi(constructor)]
    pub fn new() -> Result<Self> {
        Ok(Self {
            dag: VaultDag::new(),
            crypto: VaultCrypto::new().map_err(vault_error)?,
        })
    }

    /// Nodes in the DAG: the root, every category and every secret.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.dag.node_count() as u32
    }

    /// Adds a secret under `categories` (created as needed), or under the
    /// root when there are none. Labels are unique, categories included.
    #[napi]
    pub fn add(&mut self, secret: Secret, categories: Option<Vec<String>>) -> Result<()> {
        let entry = SecretEntry::new_with_details(
            secret.label,
            secret.username,
            secret.password,
            secret.url,
            secret.notes,
            secret.tags.unwrap_or_default(),
        );
        self.dag
            .add_secret(entry, &self.crypto, categories.unwrap_or_default())
            .map(|_| ())
            .map_err(vault_error)
    }

    /// Decrypts the secret named `label`.
    #[napi]
    pub fn get(&self, label: String) -> Result<Secret> {
        let entry = self.dag.get_secret(&label, &self.crypto).map_err(vault_error)?;
        Ok(Secret {
            label: entry.label.clone(),
            username: entry.username.clone(),
            password: entry.password.as_str().to_string(),
            url: entry.url.clone(),
            notes: entry.notes.clone(),
            tags: Some(entry.metadata.tags.clone()),
        })
    }

    /// Labels of every node (secrets and categories), or of the secrets in
    /// one category; sorted.
    #[napi]
    pub fn list(&self, category: Option<String>) -> Result<Vec<String>> {
        let mut labels = self
            .dag
            .list_secrets(category.as_deref())
            .map_err(vault_error)?;
        labels.sort();
        Ok(labels)
    }

    /// Removes a secret or category; a category's secrets move to the root.
    #[napi]
    pub fn remove(&mut self, label: String) -> Result<()> {
        self.dag.delete_secret(&label).map_err(vault_error)
    }
}
