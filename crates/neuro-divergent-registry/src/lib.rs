//! Node.js binding of the `neuro-divergent-registry` crate: its catalog of
//! forecasting model descriptions (name, category, capabilities, tags), the
//! built-in discovery with its filters, and a registry to index and search
//! them.
//!
//! Model instances are not created here: the crate's factory only builds
//! models whose creator closures were registered from Rust, and its plugins
//! are shared libraries loaded from disk.

use std::collections::HashMap;

use napi::{Error, Result, Status};
use napi_derive::napi;
use neuro_divergent_registry as ndr;
use ndr::{ModelCapabilities, ModelCategory};

/// Version of the wrapped `neuro-divergent-registry` crate.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(Status::InvalidArg, message.into())
}

fn registry_error(e: ndr::RegistryError) -> Error {
    Error::new(Status::GenericFailure, e.to_string())
}

const CATEGORIES: [(&str, ModelCategory); 6] = [
    ("Basic", ModelCategory::Basic),
    ("Recurrent", ModelCategory::Recurrent),
    ("Advanced", ModelCategory::Advanced),
    ("Transformer", ModelCategory::Transformer),
    ("Specialized", ModelCategory::Specialized),
    ("Custom", ModelCategory::Custom),
];

fn parse_category(name: &str) -> Result<ModelCategory> {
    CATEGORIES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
        .ok_or_else(|| {
            let known: Vec<&str> = CATEGORIES.iter().map(|(n, _)| *n).collect();
            invalid(format!("unknown model category '{name}' (one of {})", known.join(", ")))
        })
}

fn category_name(category: ModelCategory) -> String {
    CATEGORIES
        .iter()
        .find(|(_, c)| *c == category)
        .map(|(n, _)| (*n).to_string())
        .unwrap_or_else(|| format!("{category:?}"))
}

fn parse_categories(names: Option<Vec<String>>) -> Result<Option<Vec<ModelCategory>>> {
    names.map(|v| v.iter().map(|n| parse_category(n)).collect()).transpose()
}

// The crate names capabilities by these strings in its indexes and filters;
// the binding uses the same names, in the same order, both ways.
const CAPABILITIES: [&str; 8] = [
    "online_learning",
    "batch_processing",
    "streaming",
    "multi_threading",
    "gpu_acceleration",
    "quantization",
    "pruning",
    "fine_tuning",
];

fn capability_names(c: &ModelCapabilities) -> Vec<String> {
    let flags = [
        c.online_learning,
        c.batch_processing,
        c.streaming,
        c.multi_threading,
        c.gpu_acceleration,
        c.quantization,
        c.pruning,
        c.fine_tuning,
    ];
    CAPABILITIES
        .iter()
        .zip(flags)
        .filter(|(_, on)| *on)
        .map(|(n, _)| (*n).to_string())
        .collect()
}

fn check_capabilities(names: &[String]) -> Result<()> {
    match names.iter().find(|n| !CAPABILITIES.contains(&n.as_str())) {
        Some(n) => Err(invalid(format!(
            "unknown capability '{n}' (one of {})",
            CAPABILITIES.join(", ")
        ))),
        None => Ok(()),
    }
}

fn capabilities_from(names: &[String]) -> Result<ModelCapabilities> {
    check_capabilities(names)?;
    let has = |n: &str| names.iter().any(|m| m == n);
    Ok(ModelCapabilities {
        online_learning: has("online_learning"),
        batch_processing: has("batch_processing"),
        streaming: has("streaming"),
        multi_threading: has("multi_threading"),
        gpu_acceleration: has("gpu_acceleration"),
        quantization: has("quantization"),
        pruning: has("pruning"),
        fine_tuning: has("fine_tuning"),
    })
}

/// A model description as the registry keeps it.
#[napi(object)]
pub struct ModelInfo {
    pub name: String,
    /// 'Basic' | 'Recurrent' | 'Advanced' | 'Transformer' | 'Specialized' | 'Custom'
    pub category: String,
    pub version: String,
    pub description: String,
    /// Numeric types the model is offered for ('f32', 'f64').
    pub parameter_types: Vec<String>,
    /// Names of the capabilities the model has, e.g. 'streaming'.
    pub capabilities: Vec<String>,
    /// The search tags kept in the model's metadata.
    pub tags: Vec<String>,
}

fn js_info(info: &ndr::ModelInfo) -> ModelInfo {
    // Only the tags are taken from the metadata: built-in entries also carry
    // the second at which they were discovered, which no caller can predict.
    let tags = info
        .metadata
        .get("tags")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|t| t.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    ModelInfo {
        name: info.name.clone(),
        category: category_name(info.category),
        version: info.version.clone(),
        description: info.description.clone(),
        parameter_types: info.parameter_types.clone(),
        capabilities: capability_names(&info.capabilities),
        tags,
    }
}

#[napi(object)]
pub struct CategoryInfo {
    pub name: String,
    pub description: String,
}

/// Every model category with the crate's description of it.
#[napi]
pub fn categories() -> Vec<CategoryInfo> {
    ModelCategory::all()
        .into_iter()
        .map(|c| CategoryInfo { name: category_name(c), description: c.description().to_string() })
        .collect()
}

/// The crate's built-in model catalog, in its order.
#[napi]
pub fn builtin_models() -> Result<Vec<ModelInfo>> {
    let models = ndr::discover_builtin_models().map_err(registry_error)?;
    Ok(models.iter().map(js_info).collect())
}

#[napi(object)]
#[derive(Default)]
pub struct DiscoveryFilters {
    /// Keep only these categories.
    pub include_categories: Option<Vec<String>>,
    pub exclude_categories: Option<Vec<String>>,
    /// Keep models matching any of these name patterns.
    pub include_names: Option<Vec<String>>,
    pub exclude_names: Option<Vec<String>>,
    /// Keep models that have all of these capabilities.
    pub required_capabilities: Option<Vec<String>>,
    /// Drop models that have any of these capabilities.
    pub excluded_capabilities: Option<Vec<String>>,
}

/// The built-in catalog run through the crate's discovery filters. Plugin
/// directories are not scanned, so the result depends on nothing outside the
/// call.
#[napi]
pub fn discover_models(filters: Option<DiscoveryFilters>) -> Result<Vec<ModelInfo>> {
    let f = filters.unwrap_or_default();
    let required = f.required_capabilities.unwrap_or_default();
    let excluded = f.excluded_capabilities.unwrap_or_default();
    check_capabilities(&required)?;
    check_capabilities(&excluded)?;
    let config = ndr::DiscoveryConfig {
        discover_builtin: true,
        discover_plugins: false,
        plugin_directories: Vec::new(),
        detect_capabilities: false,
        profile_performance: false,
        cache_results: false,
        filters: ndr::DiscoveryFilters {
            include_categories: parse_categories(f.include_categories)?,
            exclude_categories: parse_categories(f.exclude_categories)?.unwrap_or_default(),
            include_names: f.include_names.unwrap_or_default(),
            exclude_names: f.exclude_names.unwrap_or_default(),
            min_version: None,
            max_version: None,
            required_capabilities: required,
            excluded_capabilities: excluded,
            custom_filter: None,
        },
        ..ndr::DiscoveryConfig::default()
    };
    let result = ndr::discover_all_models_with_config(config).map_err(registry_error)?;
    if let Some(e) = result.errors.first() {
        return Err(Error::new(Status::GenericFailure, format!("{}: {}", e.location, e.message)));
    }
    Ok(result.models.iter().map(js_info).collect())
}

/// A model to add to a registry.
#[napi(object)]
pub struct ModelSpec {
    pub name: String,
    pub category: String,
    /// Default: 'Neural network model'.
    pub description: Option<String>,
    /// Default: '1.0.0'.
    pub version: Option<String>,
    /// Default: ['f32', 'f64'].
    pub parameter_types: Option<Vec<String>>,
    /// Capability names; default: the crate's defaults (batch_processing,
    /// multi_threading, fine_tuning).
    pub capabilities: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
}

#[napi(object)]
#[derive(Default)]
pub struct SearchCriteria {
    /// A name pattern: with '*' a case-sensitive glob, without one a
    /// case-insensitive substring.
    pub name_pattern: Option<String>,
    pub category: Option<String>,
    /// Models must have all of these capabilities.
    pub required_capabilities: Option<Vec<String>>,
    /// Models must carry all of these tags.
    pub tags: Option<Vec<String>>,
    /// e.g. 'f64'
    pub parameter_type: Option<String>,
}

/// A registry of model descriptions, indexed by category, capability and tag.
#[napi]
pub struct ModelRegistry {
    inner: ndr::ModelRegistry,
}

#[napi]
impl ModelRegistry {
    /// `withBuiltins`: start with the crate's built-in catalog registered.
    #[napi(constructor)]
    pub fn new(with_builtins: Option<bool>) -> Result<Self> {
        let inner = ndr::ModelRegistry::new();
        if with_builtins.unwrap_or(false) {
            for info in ndr::discover_builtin_models().map_err(registry_error)? {
                inner.register_info(info).map_err(registry_error)?;
            }
        }
        Ok(ModelRegistry { inner })
    }

    /// Number of registered models.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Adds a model; a name already registered is an error.
    #[napi]
    pub fn register(&self, spec: ModelSpec) -> Result<()> {
        let category = parse_category(&spec.category)?;
        let mut info = ndr::ModelInfo {
            name: spec.name,
            category,
            version: spec.version.unwrap_or_else(|| "1.0.0".to_string()),
            description: spec.description.unwrap_or_else(|| "Neural network model".to_string()),
            parameter_types: spec
                .parameter_types
                .unwrap_or_else(|| vec!["f32".to_string(), "f64".to_string()]),
            input_size: None,
            output_size: None,
            capabilities: match spec.capabilities {
                Some(names) => capabilities_from(&names)?,
                None => ModelCapabilities::default(),
            },
            performance: None,
            metadata: HashMap::new(),
        };
        if let Some(tags) = spec.tags {
            // The registry reads a model's tags from this metadata entry.
            info.metadata.insert(
                "tags".to_string(),
                serde_json::Value::Array(tags.into_iter().map(serde_json::Value::String).collect()),
            );
        }
        self.inner.register_info(info).map_err(registry_error)
    }

    /// Removes a model; an unknown name is an error.
    #[napi]
    pub fn unregister(&self, name: String) -> Result<()> {
        self.inner.unregister(&name).map_err(registry_error)
    }

    #[napi]
    pub fn has(&self, name: String) -> bool {
        self.inner.has_model(&name)
    }

    /// The model's description, or null. Each lookup counts as an access,
    /// and `search` ranks models by their access counts.
    #[napi]
    pub fn get(&self, name: String) -> Option<ModelInfo> {
        self.inner.get_model_info(&name).as_ref().map(js_info)
    }

    /// Every model, in registration order.
    #[napi]
    pub fn list(&self) -> Vec<ModelInfo> {
        self.inner.list_all().iter().map(js_info).collect()
    }

    #[napi]
    pub fn list_by_category(&self, category: String) -> Result<Vec<ModelInfo>> {
        let c = parse_category(&category)?;
        Ok(self.inner.list_by_category(c).iter().map(js_info).collect())
    }

    #[napi]
    pub fn list_by_capability(&self, capability: String) -> Result<Vec<ModelInfo>> {
        check_capabilities(std::slice::from_ref(&capability))?;
        Ok(self.inner.list_by_capability(&capability).iter().map(js_info).collect())
    }

    /// Models matching every given criterion, most accessed (through `get`)
    /// first, ties in registration order.
    #[napi]
    pub fn search(&self, criteria: Option<SearchCriteria>) -> Result<Vec<ModelInfo>> {
        let c = criteria.unwrap_or_default();
        let required = c.required_capabilities.unwrap_or_default();
        check_capabilities(&required)?;
        let criteria = ndr::SearchCriteria {
            name_pattern: c.name_pattern,
            category: c.category.as_deref().map(parse_category).transpose()?,
            required_capabilities: required,
            tags: c.tags.unwrap_or_default(),
            parameter_type: c.parameter_type,
            performance_requirements: None,
            from_plugin: None,
        };
        Ok(self.inner.search(&criteria).iter().map(js_info).collect())
    }

    /// Models carrying any of `tags`, in registration order.
    #[napi]
    pub fn by_tags(&self, tags: Vec<String>) -> Vec<ModelInfo> {
        // The crate collects the names in a hash set; registration order
        // makes the answer reproducible.
        let found: Vec<String> = self.inner.get_by_tags(&tags).into_iter().map(|i| i.name).collect();
        self.inner
            .list_all()
            .iter()
            .filter(|i| found.contains(&i.name))
            .map(js_info)
            .collect()
    }
}
