package emulator

// The built-in catalog: a hand-curated set of connector and destination types
// that the emulator knows without a spec file. Field names, types, enums and
// which fields are secret follow Fivetran's published API (the OpenAPI spec's
// `format: password`, plus the provider's sensitive-field lists); the
// descriptions are short paraphrases written for the emulator.
//
// For the full catalog (773 connector types, 37 destination types) start the
// emulator with `-catalog openapi.json`, see LoadCatalogFromOpenAPI.

// Supported-feature ids used below (API.md, "Connector metadata").
const (
	cbFeatAPIConfigurable   = "API_CONFIGURABLE"
	cbFeatAuthViaAPI        = "AUTHORIZATION_VIA_API"
	cbFeatPrivateNetworking = "PRIVATE_NETWORKING"
	cbFeatCaptureDeletes    = "CAPTURE_DELETES"
	cbFeatCustomData        = "CUSTOM_DATA"
	cbFeatDataBlocking      = "DATA_BLOCKING"
	cbFeatColumnHashing     = "COLUMN_HASHING"
	cbFeatReSync            = "RE_SYNC"
	cbFeatHistory           = "HISTORY"
	cbFeatPriorityFirstSync = "PRIORITY_FIRST_SYNC"
	cbFeatDataModels        = "FIVETRAN_DATA_MODELS"
)

// builtinNoSecretReasons documents the built-in connector types that have no
// secret field at all (neither in config nor in auth), and why.
var builtinNoSecretReasons = map[string]string{
	"slack":    "authorised interactively through the Fivetran dashboard (OAuth); the API takes no credentials for it",
	"snowplow": "events are pushed to a Fivetran-hosted collector endpoint; the connection stores no credentials",
	"email":    "files arrive as attachments of emails sent to a Fivetran-generated address; the connection stores no credentials",
}

// BuiltinCatalog returns the emulator's built-in catalog: about fifty connector
// types across databases, applications, ads, files and events, and the common
// destination types. Each call returns a fresh, indexed value.
func BuiltinCatalog() *Catalog {
	c := &Catalog{
		Connectors:   builtinConnectors(),
		Destinations: builtinDestinations(),
	}
	for i := range c.Connectors {
		cbFinishConnector(&c.Connectors[i])
	}
	c.index()
	return c
}

// ---------------------------------------------------------------------------
// Field constructors (prefixed cf to stay clear of names elsewhere in the package).

func cfString(name, desc string) Field {
	return Field{Name: name, Type: "string", Description: desc}
}

func cfSecret(name, desc string) Field {
	return Field{Name: name, Type: "string", Secret: true, Description: desc}
}

func cfInt(name, desc string) Field {
	return Field{Name: name, Type: "integer", Description: desc}
}

func cfNumber(name, desc string) Field {
	return Field{Name: name, Type: "number", Description: desc}
}

func cfBool(name, desc string) Field {
	return Field{Name: name, Type: "boolean", Description: desc}
}

func cfEnum(name, desc string, values ...string) Field {
	return Field{Name: name, Type: "string", Enum: values, Description: desc}
}

// cfStrings is an array of strings.
func cfStrings(name, desc string) Field {
	return Field{Name: name, Type: "array", Items: &Field{Type: "string"}, Description: desc}
}

// cfInts is an array of integers.
func cfInts(name, desc string) Field {
	return Field{Name: name, Type: "array", Items: &Field{Type: "integer"}, Description: desc}
}

// cfEnumStrings is an array whose elements come from a fixed set.
func cfEnumStrings(name, desc string, values ...string) Field {
	return Field{Name: name, Type: "array", Items: &Field{Type: "string", Enum: values}, Description: desc}
}

// cfSecretStrings is an array of secrets: each element is masked on read.
func cfSecretStrings(name, desc string) Field {
	return Field{Name: name, Type: "array", Secret: true, Items: &Field{Type: "string", Secret: true}, Description: desc}
}

func cfObject(name, desc string, fields ...Field) Field {
	return Field{Name: name, Type: "object", Fields: fields, Description: desc}
}

// cfObjects is an array of objects.
func cfObjects(name, desc string, fields ...Field) Field {
	return Field{Name: name, Type: "array", Items: &Field{Type: "object", Fields: fields}, Description: desc}
}

func cfImmutable(f Field) Field { f.Immutable = true; return f }

// cfDefault sets the value Fivetran fills in when the client leaves the key out.
func cfDefault(f Field, v any) Field { f.Default = v; return f }
func cfNullable(f Field) Field       { f.Nullable = true; return f }
func cfReadonly(f Field) Field       { f.Readonly = true; return f }

// ---------------------------------------------------------------------------
// Shared field groups.

var cbConnectionTypes = []string{"Directly", "PrivateLink", "SshTunnel", "ProxyAgent"}

var cbTimeframeMonths = []string{"THREE", "SIX", "TWELVE", "TWENTY_FOUR", "ALL_TIME"}

func cfTimeframeMonths() Field {
	// DOCS "Connector Config": timeframe_months can be set at creation only.
	return cfImmutable(cfEnum("timeframe_months", "How many months of historical reporting data the first sync loads. Can only be set when the connection is created.", cbTimeframeMonths...))
}

func cfTunnel() []Field {
	return []Field{
		cfNullable(cfString("tunnel_host", "SSH bastion host; set only when connecting through an SSH tunnel.")),
		cfNullable(cfInt("tunnel_port", "SSH bastion port; set only when connecting through an SSH tunnel.")),
		cfNullable(cfString("tunnel_user", "SSH user on the bastion host.")),
	}
}

// cfDatabase is the common shape of the relational database sources.
func cfDatabase(extra ...Field) []Field {
	fs := []Field{
		cfString("host", "Database host name or IP address."),
		cfInt("port", "Database port."),
		cfString("database", "Name of the database to replicate."),
		cfString("user", "Database user Fivetran connects as."),
		cfSecret("password", "Password of the database user."),
		cfEnum("connection_type", "How Fivetran reaches the database. Defaults to SshTunnel when tunnel fields are given, otherwise Directly.", cbConnectionTypes...),
		cfBool("always_encrypted", "Require TLS for the connection."),
	}
	fs = append(fs, cfTunnel()...)
	return append(fs, extra...)
}

// cfFileParsing holds the parsing options shared by the file connectors.
func cfFileParsing(fileTypes []string) []Field {
	return []Field{
		cfString("prefix", "Folder path in which to look for files."),
		cfString("pattern", "Regular expression; only matching files are synced."),
		cfEnum("file_type", "Force files to be parsed as this type regardless of their extension.", fileTypes...),
		cfEnum("compression", "Compression format to assume for files without a recognisable extension.", "infer", "uncompressed", "gzip", "gz", "bz2", "zip", "tar", "tar_gz", "tar_bz2"),
		cfEnum("on_error", "Whether badly formatted files fail the sync or are skipped.", "fail", "skip"),
		cfEnum("append_file_option", "How rows of a re-delivered file are merged.", "upsert_file", "append_file", "upsert_file_with_primary_keys"),
		cfString("archive_pattern", "Regular expression for the files to extract from compressed archives."),
		cfNullable(cfString("null_sequence", "Value that represents NULL in the files.")),
		cfString("delimiter", "CSV delimiter; inferred when empty."),
		cfString("escape_char", "Escape character for non-standard CSV files."),
		cfBool("empty_header", "Files have no header line; generic column names are generated."),
		cfInt("skip_before", "Number of lines to skip at the start of each file."),
		cfInt("skip_after", "Number of lines to skip at the end of each file."),
		cfNullable(cfEnum("json_delivery_mode", "Deliver JSON records packed into one column or unpacked into columns.", "Packed", "Unpacked")),
		cfEnum("file_mapping_method", "Map files to tables by extraction pattern or by an explicit per-table list.", "EXTRACT_TABLES", "DEFINE_PER_TABLE"),
		cfNullable(cfObjects("files", "Per-table file patterns, used with DEFINE_PER_TABLE.",
			cfString("table_name", "Destination table for the matching files."),
			cfString("file_pattern", "Regular expression selecting the files for this table."),
			cfString("archive_pattern", "Regular expression selecting files inside archives."),
		)),
	}
}

// cfWithout returns fields minus the named ones.
func cfWithout(fields []Field, names ...string) []Field {
	out := fields[:0:0]
	for _, f := range fields {
		drop := false
		for _, n := range names {
			drop = drop || f.Name == n
		}
		if !drop {
			out = append(out, f)
		}
	}
	return out
}

func cfPGP() []Field {
	return []Field{
		cfBool("use_pgp_encryption_options", "Files are PGP-encrypted."),
		cfSecret("pgp_secret_key", "PGP secret key used to decrypt the files."),
		cfSecret("pgp_pass_phrase", "Passphrase of the PGP secret key."),
		cfNullable(cfString("signer_public_key", "Public key of the signer, to verify signatures.")),
	}
}

var cbFileTypes = []string{"infer", "csv", "tsv", "json", "jsonl", "avro", "parquet", "xml", "log", "spreadsheet"}

// cfClientAccess is the usual OAuth auth section: a custom OAuth client plus a refresh token.
func cfClientAccess(app string, extra ...Field) []Field {
	ca := cfObject("client_access", "Your own OAuth client application, if you do not use Fivetran's.",
		cfString("client_id", "Client ID of your "+app+" OAuth application."),
		cfSecret("client_secret", "Client secret of your "+app+" OAuth application."),
	)
	ca.Fields = append(ca.Fields, extra...)
	return []Field{ca, cfSecret("refresh_token", "Long-lived refresh token used with the client credentials to obtain access tokens.")}
}

func cfAccessTokenAuth(app string) []Field {
	return []Field{cfSecret("access_token", "Long-lived "+app+" access token.")}
}

// ---------------------------------------------------------------------------
// Connectors.

func cbConn(id, name, typ, docs, desc string, format SchemaFormat, config ...Field) ConnectorType {
	return ConnectorType{
		ID: id, Name: name, Type: typ, Description: desc,
		ServiceStatus:  "general_availability",
		ConnectorClass: "standard",
		LinkToDocs:     "https://fivetran.com/docs/connectors/" + docs,
		SchemaFormat:   format,
		Config:         config,
	}
}

func cbWithAuth(c ConnectorType, auth ...Field) ConnectorType { c.Auth = auth; return c }
func cbWithFeatures(c ConnectorType, f ...string) ConnectorType {
	c.SupportedFeatures = append(c.SupportedFeatures, f...)
	return c
}
func cbWithStatus(c ConnectorType, status string) ConnectorType { c.ServiceStatus = status; return c }
func cbLite(c ConnectorType) ConnectorType                      { c.ConnectorClass = "lite"; return c }
func cbVersion(c ConnectorType, v int) ConnectorType            { c.ServiceVersion = v; return c }

// finishBuiltinConnector fills the derived attributes: ERD and icon links and
// the API_CONFIGURABLE / AUTHORIZATION_VIA_API features.
func cbFinishConnector(c *ConnectorType) {
	c.LinkToErd = c.LinkToDocs + "#schemainformation"
	c.IconURL = "https://fivetran.com/integrations/" + c.ID + "/resources/" + c.ID + ".svg"
	feats := []string{cbFeatAPIConfigurable}
	if c.Auth != nil {
		feats = append(feats, cbFeatAuthViaAPI)
	}
	for _, f := range c.SupportedFeatures {
		if f != cbFeatAPIConfigurable && f != cbFeatAuthViaAPI {
			feats = append(feats, f)
		}
	}
	c.SupportedFeatures = feats
}

var cbDBFeatures = []string{cbFeatPrivateNetworking, cbFeatCaptureDeletes, cbFeatDataBlocking, cbFeatColumnHashing, cbFeatReSync, cbFeatHistory, cbFeatPriorityFirstSync}
var cbAppFeatures = []string{cbFeatCaptureDeletes, cbFeatDataBlocking, cbFeatColumnHashing, cbFeatReSync, cbFeatHistory}
var cbAdsFeatures = []string{cbFeatCustomData, cbFeatDataBlocking, cbFeatColumnHashing, cbFeatReSync, cbFeatPriorityFirstSync}
var cbFileFeatures = []string{cbFeatDataBlocking, cbFeatColumnHashing, cbFeatReSync}
var cbEventFeatures = []string{cbFeatDataBlocking, cbFeatColumnHashing}

func builtinConnectors() []ConnectorType {
	var cs []ConnectorType
	add := func(c ...ConnectorType) { cs = append(cs, c...) }

	// --- Databases -------------------------------------------------------
	pgExtra := []Field{
		cfEnum("update_method", "How changed rows are detected. QUERY_BASED uses xmin/ctid; WAL_PGOUTPUT reads the write-ahead log through a logical slot. XMIN, WAL and TELEPORT are accepted legacy values.", "QUERY_BASED", "WAL_PGOUTPUT", "XMIN", "WAL", "TELEPORT"),
		cfString("replication_slot", "Logical replication slot (WAL_PGOUTPUT only)."),
		cfString("publication_name", "Publication to read (WAL_PGOUTPUT only)."),
		cfEnum("auth_method", "How Fivetran authenticates to the database.", "PASSWORD", "CLIENT_CERTIFICATE", "AWS_IAM", "ENTRA_ID"),
		cfNullable(cfString("client_public_certificate", "Client certificate in PEM format (CLIENT_CERTIFICATE authentication).")),
		cfNullable(cfSecret("client_private_key", "Client private key in PEM format (CLIENT_CERTIFICATE authentication).")),
		cfNullable(cfString("entra_app_id", "Registered application id, for Entra ID authentication.")),
		cfNullable(cfString("entra_tenant_id", "Azure tenant id, for Entra ID authentication.")),
	}
	add(
		cbWithFeatures(cbConn("postgres", "PostgreSQL", "Database", "databases/postgresql",
			"PostgreSQL is an open-source object-relational database.", FormatSchemaPrefix,
			cfDatabase(pgExtra...)...), cbDBFeatures...),
		cbWithFeatures(cbConn("postgres_rds", "Amazon RDS for PostgreSQL", "Database", "databases/postgresql/rds-setup-guide",
			"Amazon RDS for PostgreSQL is a managed PostgreSQL service on AWS.", FormatSchemaPrefix,
			cfDatabase(pgExtra...)...), cbDBFeatures...),
		cbWithFeatures(cbConn("mysql", "MySQL", "Database", "databases/mysql",
			"MySQL is an open-source relational database.", FormatSchemaPrefix,
			cfDatabase(
				cfEnum("update_method", "How changed rows are detected: the binary log, or Fivetran Teleport snapshots.", "BINLOG", "TELEPORT"),
				cfInt("replica_id", "Server id Fivetran uses when reading the binlog; unique within the replica set."),
				cfNullable(cfSecret("client_private_key", "Client private key in PEM format (CLIENT_CERTIFICATE authentication).")),
				cfNullable(cfString("client_public_certificate", "Client certificate in PEM format.")),
			)...), cbDBFeatures...),
		cbWithAuth(cbWithFeatures(cbConn("sql_server", "SQL Server", "Database", "databases/sql-server",
			"Microsoft SQL Server is a relational database management system.", FormatSchemaPrefix,
			cfDatabase(
				cfEnum("update_method", "Incremental update method.", "NATIVE_UPDATE", "BINARY_LOG_READER", "TELEPORT"),
				cfEnum("tde_setting", "Transparent Data Encryption setting.", "OFF", "CERTIFICATE"),
				cfSecret("tde_password", "Password of the TDE private key."),
				cfNullable(cfSecret("tde_certificate_path", "Path of the TDE certificate used to decrypt online logs.")),
				cfNullable(cfSecret("tde_private_key_path", "Path of the TDE private key used to decrypt online logs.")),
				cfNullable(cfSecret("tde_certificate", "TDE certificate in PEM format.")),
				cfNullable(cfSecret("tde_private_key", "TDE private key in PEM format.")),
				cfNullable(cfSecret("tde_certificate_backup", "TDE certificate used to decrypt log backups.")),
				cfNullable(cfSecret("tde_private_key_backup", "TDE private key used to decrypt log backups.")),
				cfNullable(cfSecret("windows_auth_client_certificate", "Client certificate for Windows (Kerberos) authentication.")),
				cfNullable(cfSecret("windows_auth_server_certificate", "Server certificate for Windows (Kerberos) authentication.")),
				cfNullable(cfStrings("ekm_key_identifiers", "Azure Key Vault key identifiers used for TDE.")),
				cfEnum("binary_log_type", "Source of transaction log data for the binary log reader.", "ONLINE", "BACKUP"),
				cfSecret("connection_string", "Connection string of the Azure Blob Storage container that holds log backups."),
				cfSecret("container_name", "Azure Blob Storage container that holds log backups (sensitive for this connector)."),
				cfSecret("role_arn", "IAM role with access to the S3 bucket that holds log backups."),
			)...), cbDBFeatures...),
			cfSecret("windows_auth_client_private_key", "Private key that goes with the Fivetran client certificate, for Windows authentication."),
		),
		cbWithFeatures(cbConn("oracle", "Oracle", "Database", "databases/oracle",
			"Oracle Database is a multi-model relational database.", FormatSchemaPrefix,
			cfDatabase(
				cfEnum("update_method", "How changed rows are detected.", "LOGMINER", "BINARY_LOG_READER", "TELEPORT"),
				cfNullable(cfString("pdb_name", "Pluggable database name, for container databases.")),
			)...), cbDBFeatures...),
		cbWithFeatures(cbConn("mongo", "MongoDB", "Database", "databases/mongodb",
			"MongoDB is a document-oriented NoSQL database.", FormatSchemaPrefix,
			append([]Field{
				cfStrings("hosts", "Addresses of the primary and every replica, as host:port, or a single mongodb+srv host."),
				cfString("user", "Database user Fivetran connects as."),
				cfSecret("password", "Password of the database user."),
				cfEnum("connection_type", "How Fivetran reaches the database.", cbConnectionTypes...),
				cfBool("always_encrypted", "Require TLS."),
				cfNullable(cfEnum("packing_mode", "Sync collections packed (one JSON column) or unpacked.", "UsePackedModeOnly", "UseUnpackedModeOnly")),
				cfNullable(cfStrings("packed_mode_tables", "Collections to sync in packed mode, as db.collection.")),
				cfEnum("binary_representation", "How binary data is represented.", "Base64", "Uuid"),
			}, cfTunnel()...)...), cbDBFeatures...),
		cbWithFeatures(cbConn("snowflake_db", "Snowflake", "Database", "databases/snowflake",
			"Snowflake is a cloud data warehouse, used here as a source.", FormatSchemaPrefix,
			cfString("host", "Snowflake account host name."),
			cfInt("port", "Port; optional."),
			cfString("database", "Database to replicate."),
			cfString("user", "Snowflake user name."),
			cfEnum("auth", "Password or key-pair authentication.", "PASSWORD", "KEY_PAIR"),
			cfSecret("password", "Password of the Snowflake user (PASSWORD authentication)."),
			cfSecret("private_key", "Private key (KEY_PAIR authentication)."),
			cfBool("is_private_key_encrypted", "The private key is encrypted with a passphrase."),
			cfSecret("passphrase", "Passphrase of the encrypted private key."),
			cfString("role", "Role Fivetran uses."),
			cfEnum("connection_type", "Directly or over PrivateLink.", "Directly", "PrivateLink"),
			cfBool("use_workspace", "Use a workspace database and schema for temporary tables."),
			cfNullable(cfString("workspace_name", "Workspace database for temporary tables.")),
			cfNullable(cfString("workspace_schema", "Workspace schema for temporary tables.")),
		), cbDBFeatures...),
		cbWithFeatures(cbConn("dynamodb", "Amazon DynamoDB", "Database", "databases/dynamodb",
			"Amazon DynamoDB is a managed NoSQL key-value and document database.", FormatSchema,
			cfString("aws_region_code", "AWS region of the DynamoDB tables, e.g. us-east-1."),
			cfSecret("role_arn", "ARN of the IAM role Fivetran assumes."),
			cfBool("is_private_link_required", "Connect over AWS PrivateLink."),
			cfEnum("sync_mode", "Packed-mode setting.", "UsePackedModeOnly", "UseUnpackedModeOnly"),
			cfStrings("packed_mode_tables", "Tables to sync in packed mode."),
		), cbFeatPrivateNetworking, cbFeatCaptureDeletes, cbFeatReSync),
	)

	// --- Applications ----------------------------------------------------
	add(
		cbWithAuth(cbWithFeatures(cbConn("salesforce", "Salesforce", "Sales", "applications/salesforce",
			"Salesforce is a cloud-based customer relationship management platform.", FormatSchema,
			cfEnum("authentication_method", "STANDARD (OAuth) or ADVANCED (certificate and private key).", "STANDARD", "ADVANCED"),
			cfNullable(cfString("base_url", "Custom Salesforce domain, starting with https://.")),
			cfSecret("certificate", "PEM certificate (ADVANCED authentication)."),
			cfSecret("private_key", "Private key (ADVANCED authentication)."),
			cfNullable(cfString("username", "Salesforce user (username-password authentication).")),
			cfNullable(cfSecret("password", "Password of that user.")),
			cfInt("api_usage_limit", "Share of the daily Salesforce API limit Fivetran may use, in percent."),
			cfBool("sync_formula_fields", "Sync formula fields directly."),
			cfBool("update_infrequent_objects_in_every_sync", "Sync rarely updated objects in every sync."),
		), append(cbAppFeatures, cbFeatDataModels)...), cfClientAccess("Salesforce")...),
		cbWithAuth(cbWithFeatures(cbConn("hubspot", "HubSpot", "Marketing", "applications/hubspot",
			"HubSpot is an inbound marketing, sales and service platform.", FormatSchema,
			cfSecret("client_secret", "Client secret, for private app authentication."),
			cfEnum("historical_sync_time_frame", "Sync all history or only from a date.", "ALL_TIME", "DATE_LIMIT"),
			cfNullable(cfString("backward_sync_limit_date", "Earliest date to sync (YYYY-MM-DD), with DATE_LIMIT.")),
		), append(cbAppFeatures, cbFeatDataModels)...), cfClientAccess("HubSpot")...),
		cbWithAuth(cbWithFeatures(cbConn("zendesk", "Zendesk Support", "Support", "applications/zendesk",
			"Zendesk Support is a customer service and ticketing platform.", FormatSchema,
			cfString("domain", "Zendesk subdomain."),
			cfString("email", "Email of the Zendesk user."),
			cfSecret("api_token", "Zendesk API token (deprecated in favour of OAuth)."),
			cfNumber("api_usage", "Maximum share of the Zendesk API quota Fivetran may use."),
			cfEnum("historical_sync_time_frame", "Sync all history or only from a date.", "ALL_TIME", "DATE_LIMIT"),
			cfNullable(cfString("backward_sync_limit", "Earliest date to sync (YYYY-MM-DD), with DATE_LIMIT.")),
		), append(cbAppFeatures, cbFeatDataModels)...),
			cfObject("client_access", "Confidential OAuth client of your Zendesk app.",
				cfString("client_id", "Identifier of your Zendesk OAuth client."),
				cfSecret("client_secret", "Secret of your Zendesk OAuth client."),
			),
			cfSecret("access_token", "Long-lived Zendesk access token."),
		),
		cbWithAuth(cbLite(cbWithFeatures(cbConn("zendesk_chat", "Zendesk Chat", "Support", "applications/zendesk-chat",
			"Zendesk Chat is a live chat tool for customer support.", FormatSchema,
			cfString("subdomain", "Zendesk subdomain."),
			cfSecret("client_id", "Zendesk Chat client id; treated as a secret for this connector."),
			cfSecret("client_secret", "Zendesk Chat client secret."),
		), cbFeatReSync)), cfAccessTokenAuth("Zendesk Chat")...),
		cbWithFeatures(cbConn("jira", "Jira", "Engineering", "applications/jira",
			"Jira is an issue and project tracking tool from Atlassian.", FormatSchema,
			cfString("host", "Jira host address."),
			cfInt("port", "Jira port."),
			cfNullable(cfString("path", "URL subdirectory of the Jira instance.")),
			cfString("user", "Jira user name."),
			cfSecret("password", "Password or API token of the Jira user."),
			cfBool("on_premise", "The Jira instance is self-hosted."),
			cfEnum("auth_type", "Authorisation type.", "BASIC", "OAUTH", "SERVICE_ACCOUNT"),
			cfEnum("sync_mode", "Sync all projects or only the listed ones.", "ALL", "CUSTOM"),
			cfInts("projects", "Project ids to sync, with CUSTOM."),
		), append(cbAppFeatures, cbFeatDataModels)...),
		cbWithFeatures(cbConn("github", "GitHub", "Engineering", "applications/github",
			"GitHub is a hosting service for Git repositories.", FormatSchema,
			cfEnum("auth_mode", "How Fivetran authenticates.", "OAuth", "PersonalAccessToken", "JWT"),
			cfNullable(cfSecretStrings("pats", "Personal access tokens; several spread the API rate limit. Each element is masked.")),
			cfString("client_id", "Client id of your GitHub App (JWT authentication)."),
			cfSecret("private_key", "Private key of your GitHub App (JWT authentication)."),
			cfString("username", "Login of your GitHub profile."),
			cfNullable(cfSecret("pat", "A single personal access token (older form of pats).")),
			cfNullable(cfString("host_url", "GitHub Enterprise Server address, for on-premises installations.")),
			cfEnum("sync_mode", "Sync all repositories or only the listed ones.", "AllRepositories", "SpecificRepositories"),
			cfStrings("repositories", "Repository ids to sync, with SpecificRepositories."),
			cfBool("use_webhooks", "Use webhooks to capture deletes."),
		), append(cbAppFeatures, cbFeatDataModels)...),
		cbWithFeatures(cbConn("stripe", "Stripe", "Finance", "applications/stripe",
			"Stripe is an online payment processing platform.", FormatSchema,
			cfSecret("api_key", "Restricted API key."),
			cfSecret("access_token", "Restricted key used as access token (legacy)."),
			cfBool("support_connected_accounts_sync", "Also sync Stripe Connect connected accounts."),
			cfEnum("historical_sync_time_frame", "Sync all history or only from a date.", "ALL_TIME", "DATE_LIMIT"),
			cfNullable(cfString("backward_sync_limit", "Earliest date to sync, with DATE_LIMIT.")),
		), append(cbAppFeatures, cbFeatDataModels)...),
		cbWithAuth(cbWithFeatures(cbConn("shopify", "Shopify", "Sales", "applications/shopify",
			"Shopify is an e-commerce platform for online stores.", FormatSchema,
			cfString("shop", "Shop name: the part of the URL before .myshopify.com."),
			cfSecret("api_access_token", "Admin API access token of your custom or public app."),
			cfString("client_id", "Client id of your app."),
			cfSecret("client_secret", "Client secret of your app."),
			cfNullable(cfString("app_url", "App store URL of your app.")),
			cfEnum("historical_sync_time_frame", "Sync all history or only from a date.", "ALL_TIME", "DATE_LIMIT"),
			cfNullable(cfString("backward_sync_limit", "Earliest date to sync, with DATE_LIMIT.")),
		), append(cbAppFeatures, cbFeatDataModels)...), cfAccessTokenAuth("Shopify")...),
		cbWithFeatures(cbConn("netsuite_suiteanalytics", "NetSuite SuiteAnalytics", "Finance", "applications/netsuite-suiteanalytics",
			"Oracle NetSuite is a cloud ERP; Fivetran reads it through SuiteAnalytics Connect.", FormatSchema,
			cfString("account", "NetSuite account id."),
			cfString("role", "Role id used for the connection."),
			cfEnum("datasource", "SuiteAnalytics data source.", "NetSuite2.com", "NetSuite.com"),
			cfString("host", "SuiteAnalytics Connect host."),
			cfInt("port", "SuiteAnalytics Connect port."),
			cfString("email", "Email of the NetSuite user (password authentication)."),
			cfSecret("password", "Password of the NetSuite user."),
			cfSecret("consumer_key", "Integration consumer key (token-based authentication)."),
			cfSecret("consumer_secret", "Integration consumer secret."),
			cfSecret("token_key", "Access token id."),
			cfSecret("token_secret", "Access token secret."),
			cfSecret("certificate_id", "Certificate id (OAuth 2.0 machine-to-machine)."),
			cfSecret("private_key", "Private key of the certificate."),
			cfBool("should_sync_reimport_tables", "Re-sync re-import tables in every sync."),
		), append(cbAppFeatures, cbFeatPrivateNetworking, cbFeatDataModels)...),
		cbWithAuth(cbWithFeatures(cbConn("intercom", "Intercom", "Support", "applications/intercom",
			"Intercom is a customer messaging platform.", FormatSchema,
			// The data region enum legitimately contains the empty string (US, the default).
			cfEnum("data_region", "Region of your Intercom workspace: empty for US (default), eu or au.", "", "eu", "au"),
		), append(cbAppFeatures, cbFeatDataModels)...), cfAccessTokenAuth("Intercom")...),
		cbWithFeatures(cbConn("slack", "Slack", "Productivity", "applications/slack",
			"Slack is a messaging platform for teams.", FormatSchemaTable), cbFeatReSync),
		cbWithAuth(cbWithFeatures(cbConn("asana", "Asana", "Productivity", "applications/asana",
			"Asana is a work and project management tool.", FormatSchema,
			cfEnum("sync_mode", "Sync all projects or only the listed ones.", "AllProjects", "SpecificProjects"),
			cfStrings("projects", "Project ids to sync, with SpecificProjects."),
			cfNullable(cfString("team_id", "Team id.")),
		), cbAppFeatures...), cfClientAccess("Asana")...),
		cbWithFeatures(cbConn("marketo", "Marketo", "Marketing", "applications/marketo",
			"Adobe Marketo Engage is a marketing automation platform.", FormatSchema,
			cfString("endpoint", "REST API endpoint."),
			cfString("identity", "REST API identity URL."),
			cfString("client_id", "REST API client id."),
			cfSecret("client_secret", "REST API client secret."),
			cfNullable(cfSecret("encryption_key", "Key of the Marketo bulk-extract file encryption.")),
			cfInt("api_quota", "Daily number of API calls Fivetran may make; 10000 by default."),
			cfEnum("historical_sync_limit", "Sync all history or only from a date.", "ALL_TIME", "DATE_LIMIT"),
			cfNullable(cfString("historical_sync_limit_date", "Earliest date to sync (YYYY-MM-DD).")),
			cfBool("prioritise_bulk_export_over_rest", "Use the bulk export API for leads and activities."),
		), append(cbAppFeatures, cbFeatDataModels)...),
		cbLite(cbWithFeatures(cbConn("greenhouse", "Greenhouse", "HumanResources", "applications/greenhouse",
			"Greenhouse is an applicant tracking and recruiting platform.", FormatSchema,
			cfSecret("api_key", "Harvest API key."),
			cfString("client_id", "Client id, for Harvest API v3."),
			cfSecret("client_secret", "Client secret, for Harvest API v3."),
			cfNullable(cfEnum("use_harvest_api_v3", "Confirm the use of the Harvest v3 API.", "true", "false")),
		), cbFeatReSync, cbFeatDataModels)),
		cbWithAuth(cbWithFeatures(cbConn("workday", "Workday RaaS", "HumanResources", "applications/workday",
			"Workday Report-as-a-Service exposes custom Workday reports over HTTP.", FormatSchemaTableGroup,
			cfString("domain_host_name", "Workday host name."),
			cfNullable(cfString("tenant", "Workday tenant name.")),
			cfEnum("auth_mode", "Basic authentication or OAuth.", "BASIC", "OAUTH"),
			cfString("user_name", "Workday integration user name."),
			cfSecret("password", "Password of the Workday user."),
			cfNullable(cfString("authorization_url", "OAuth authorization URL.")),
			cfObjects("reports", "Custom reports; each one is synced to its own table.",
				cfString("table", "Destination table for the report."),
				cfString("report_url", "URL of the live custom report."),
				cfEnum("report_format_type", "Format to request the report in; JSON by default.", "json", "csv"),
				cfStrings("primary_keys", "Columns that form the primary key."),
				cfBool("generate_fivetran_pk", "Generate a primary key when no column combination is unique."),
				cfBool("enable_dynamic_parameters", "Enable dynamic report parameters."),
				cfEnum("sync_strategy", "Dynamic parameter strategy.", "FROM_START_DATE", "FROM_LAST_SYNCED_DATE"),
				cfString("start_date", "Start date for dynamic parameters."),
			),
		), cbFeatReSync),
			cfString("client_id", "OAuth client id."),
			cfSecret("client_secret", "OAuth client secret."),
			cfSecret("refresh_token", "OAuth refresh token."),
		),
		cbWithFeatures(cbConn("servicenow", "ServiceNow", "Support", "applications/servicenow",
			"ServiceNow is an IT service management platform.", FormatSchema,
			cfString("instance", "ServiceNow instance id."),
			cfString("username", "ServiceNow user name."),
			cfSecret("password", "Password of the ServiceNow user."),
			cfString("client_id", "OAuth client id."),
			cfSecret("client_secret", "OAuth client secret."),
			cfInt("rollback_window", "Rollback window in days, 0 to 7."),
			cfImmutable(cfBool("include_inherited_columns", "Include columns inherited from parent tables. Can only be set at creation.")),
		), cbAppFeatures...),
		cbWithFeatures(cbConn("mixpanel", "Mixpanel", "Engineering", "applications/mixpanel",
			"Mixpanel is a product analytics platform.", FormatSchemaTable,
			cfSecret("project_id", "Mixpanel project id (sensitive for this connector)."),
			cfString("service_account_username", "Service account user name."),
			cfSecret("service_account_secret", "Service account secret."),
			cfNullable(cfSecret("api_secret", "Project API secret (older authentication).")),
			cfEnum("historical_sync_time_frame", "Sync all history or only from a date.", "ALL_TIME", "DATE_LIMIT"),
			cfNullable(cfString("backward_sync_limit_date", "Earliest date to sync.")),
		), cbFeatReSync),
		cbWithFeatures(cbConn("amplitude", "Amplitude", "Engineering", "applications/amplitude",
			"Amplitude is a product analytics platform.", FormatSchema,
			// An array of objects with secrets inside, and an object with a secret inside.
			cfObjects("project_credentials", "Amplitude projects to sync.",
				cfString("project", "Project name."),
				cfString("project_id", "Project id."),
				cfSecret("api_key", "API key of the project."),
				cfSecret("secret_key", "Secret key of the project."),
			),
			cfBool("use_cloud_storage", "Read events exported to cloud storage instead of the API."),
			cfEnum("export_storage_type", "Cloud storage used for exports.", "GCS"),
			cfNullable(cfObject("aws_credentials", "S3 bucket that receives the Amplitude export.",
				cfString("bucket_name", "Bucket name."),
				cfString("home_folder", "Folder prefix."),
				cfSecret("s3_role_arn", "IAM role Fivetran assumes to read the bucket."),
			)),
			cfNullable(cfObject("gcs_credentials", "GCS bucket that receives the Amplitude export.",
				cfString("bucket_name", "Bucket name."),
				cfString("home_folder", "Folder prefix."),
			)),
		), cbFeatReSync, cbFeatDataModels),
		cbWithStatus(cbWithFeatures(cbConn("pendo", "Pendo", "Engineering", "applications/pendo",
			"Pendo is a product experience and analytics platform.", FormatSchema,
			cfSecret("integration_key", "Integration key of the Pendo account."),
			cfEnum("region", "Region of the Pendo account.", "US", "US1", "EU", "JPN", "AU"),
			cfEnum("sync_mode", "Sync all apps or only the listed ones.", "AllAppIds", "SpecificAppIds"),
			cfStrings("app_ids", "App ids to sync, with SpecificAppIds."),
			cfBool("use_data_sync", "Read from Pendo Data Sync exports instead of the API."),
			cfEnum("export_storage_type", "Where Data Sync exports land.", "AWS_S3", "GCS", "AZURE"),
			cfNullable(cfObject("aws_credentials", "S3 bucket of the Data Sync export.",
				cfString("bucket_name", "Bucket name."),
				cfString("home_folder", "Folder prefix."),
				cfSecret("s3_role_arn", "IAM role Fivetran assumes to read the bucket."),
			)),
			cfNullable(cfObject("azure_credentials", "Azure container of the Data Sync export.",
				cfSecret("connection_string", "Storage connection string."),
				cfString("container_name", "Container name."),
				cfString("home_folder", "Folder prefix."),
			)),
		), cbFeatReSync), "beta"),
	)

	// --- Ads and marketing analytics ---------------------------------------
	cbAccountModes := []string{"AllAccounts", "SpecificAccounts"}
	add(
		cbWithAuth(cbWithFeatures(cbConn("google_ads", "Google Ads", "Marketing", "applications/google-ads",
			"Google Ads is Google's online advertising platform.", FormatSchema,
			cfString("customer_id", "Google Ads customer id (xxx-xxx-xxxx)."),
			cfEnum("sync_mode", "Which accounts to sync.", "ManagerAccounts", "AllAccounts", "SpecificAccounts"),
			cfStrings("accounts", "Account ids to sync, with SpecificAccounts."),
			cfStrings("manager_accounts", "Manager account ids whose clients are synced, with ManagerAccounts."),
			cfInt("conversion_window_size", "Conversion window in days."),
			cfBool("skip_empty_reports", "Do not create tables for reports without data."),
			// The live API fills it in: created without it, read back "TWELVE".
			cfDefault(cfTimeframeMonths(), "TWELVE"),
			cfObjects("reports", "Reports to sync; each report becomes a table.",
				cfString("table", "Destination table for the report."),
				cfString("report_type", "Google Ads report (resource) to read."),
				cfStrings("fields", "Fields to sync."),
			),
		), cbAdsFeatures...), cfClientAccess("Google Ads",
			cfString("developer_token", "Your own developer token; optional."),
			cfString("user_agent", "Your company name as set in the Google Ads client application."),
		)...),
		cbWithFeatures(cbConn("itunes_connect", "Apple App Store", "Marketing", "applications/itunes-connect",
			"The Apple App Store distributes apps for Apple's platforms; App Store Connect reports their sales and usage.", FormatSchema,
			cfString("username", "Your Apple ID."),
			cfSecret("password", "Password of the Apple ID."),
			cfNullable(cfSecret("app_specific_password", "App-specific password of the Apple ID.")),
			cfNullable(cfString("phone_number", "Phone number registered for two-factor authentication.")),
			cfNullable(cfString("key_id", "Key id of the App Store Connect API key.")),
			cfNullable(cfString("issuer_id", "Issuer id; needed when key_type is Team.")),
			cfEnum("key_type", "Kind of App Store Connect API key.", "Team", "Individual"),
			cfSecret("private_key", "Private key of the App Store Connect API key."),
			cfNullable(cfStrings("vendors_id", "Vendor ids.")),
			// The live API fills it in: created without it, read back "AllApps".
			cfDefault(cfEnum("app_sync_mode", "Sync all apps or the ones listed in apps.", "AllApps", "SpecificApps"), "AllApps"),
			cfStrings("apps", "Apps to sync, with SpecificApps."),
			cfNullable(cfEnum("account_sync_mode", "Sync all accounts or the ones listed in accounts.", "AllAccounts", "SpecificAccounts")),
			cfStrings("accounts", "Accounts to sync, with SpecificAccounts."),
			cfEnum("sales_account_sync_mode", "Sync all sales accounts or the ones listed in sales_accounts.", "AllSalesAccounts", "SpecificSalesAccounts"),
			cfStrings("sales_accounts", "Sales accounts to sync."),
			cfEnum("finance_account_sync_mode", "Sync all finance accounts or the ones listed in finance_accounts.", "AllFinanceAccounts", "SpecificFinanceAccounts"),
			cfStrings("finance_accounts", "Finance accounts to sync."),
			cfTimeframeMonths(),
		), cbAdsFeatures...),
		cbWithAuth(cbWithFeatures(cbConn("facebook_ads", "Facebook Ads", "Marketing", "applications/facebook-ads",
			"Facebook Ads is Meta's advertising platform for Facebook and Instagram.", FormatSchema,
			cfEnum("sync_mode", "Which ad accounts to sync.", cbAccountModes...),
			cfStrings("accounts", "Ad account ids to sync, with SpecificAccounts."),
			cfBool("sync_metadata", "Also sync ad metadata tables."),
			cfTimeframeMonths(),
			cfObjects("custom_tables", "Custom report tables.",
				cfString("table_name", "Destination table; unique within the connection."),
				cfEnum("config_type", "Prebuilt or custom report.", "Prebuilt", "Custom"),
				cfString("prebuilt_report_name", "Prebuilt report name, with Prebuilt."),
				cfEnum("level", "Aggregation level.", "account", "campaign", "adset", "ad", "none"),
				cfEnum("aggregation", "Time aggregation.", "Day", "Week", "Month", "Lifetime"),
				cfEnum("action_report_time", "Report actions by impression or conversion time.", "impression", "conversion", "mixed"),
				cfStrings("fields", "Fields to sync."),
				cfStrings("breakdowns", "Breakdowns to apply."),
				cfStrings("action_breakdowns", "Action breakdowns to apply."),
				cfEnumStrings("attribution_windows", "Attribution windows.", "CLICK_1D", "CLICK_7D", "CLICK_28D", "VIEW_1D", "ENGAGED_VIEW_1D", "INCREMENTALITY", "INCREMENTALITY_FIRST_CONVERSION", "INCREMENTALITY_ALL_CONVERSIONS"),
				cfBool("use_unified_attribution_setting", "Use the ad set's unified attribution setting."),
			),
		), cbAdsFeatures...),
			cfObject("client_access", "Your own Facebook app, if you do not use Fivetran's.",
				cfString("client_id", "App id of your Facebook application."),
				cfSecret("client_secret", "App secret of your Facebook application."),
			),
			cfSecret("access_token", "Long-lived user access token."),
			cfSecret("user_access_token", "System user token; use instead of access_token."),
		),
		cbWithAuth(cbWithFeatures(cbConn("linkedin_ads", "LinkedIn Ad Analytics", "Marketing", "applications/linkedin-ads",
			"LinkedIn Ads is LinkedIn's advertising platform.", FormatSchema,
			cfEnum("sync_mode", "Which ad accounts to sync.", cbAccountModes...),
			cfStrings("accounts", "Ad account ids to sync."),
			cfEnum("ad_analytics", "Sync all analytics reports or only the listed ones.", "AllReports", "SpecificReports"),
			cfStrings("reports", "Analytics reports to sync, with SpecificReports."),
			cfEnum("post_click_attribution_window_size", "Click attribution window.", "DAY_1", "DAY_7", "DAY_28", "DAY_30"),
			cfEnum("view_through_attribution_window_size", "View-through attribution window.", "DAY_1", "DAY_7", "DAY_28", "DAY_30"),
			cfTimeframeMonths(),
		), cbAdsFeatures...), cfClientAccess("LinkedIn")...),
		cbWithAuth(cbWithFeatures(cbConn("bingads", "Microsoft Advertising", "Marketing", "applications/bingads",
			"Microsoft Advertising (formerly Bing Ads) serves ads on Bing and partner sites.", FormatSchema,
			cfEnum("sync_mode", "Which accounts to sync.", cbAccountModes...),
			cfStrings("accounts", "Account ids to sync."),
			cfInt("rollback_window_size", "Conversion window in days."),
			cfTimeframeMonths(),
		), cbAdsFeatures...), cfClientAccess("Microsoft Advertising")...),
		cbWithAuth(cbWithFeatures(cbConn("tiktok_ads", "TikTok Ads", "Marketing", "applications/tiktok-ads",
			"TikTok Ads is TikTok's advertising platform.", FormatSchema,
			cfEnum("sync_mode", "Which advertiser accounts to sync.", cbAccountModes...),
			cfStrings("accounts", "Advertiser ids to sync."),
			cfEnum("attribution_window_size", "Rollback window to capture late conversions.", "ONE", "SEVEN", "FOURTEEN", "TWENTY_EIGHT"),
			cfTimeframeMonths(),
			cfObjects("custom_reports", "Custom reports.",
				cfString("table_name", "Destination table."),
				cfString("report_type", "Report type."),
				cfString("aggregate", "Time aggregation."),
				cfStrings("dimensions", "Dimensions."),
				cfStrings("metrics", "Metrics."),
			),
		), cbAdsFeatures...),
			cfObject("client_access", "Your own TikTok application.",
				cfString("client_id", "App id of your TikTok application."),
				cfSecret("client_secret", "Secret of your TikTok application."),
			),
			cfSecret("access_token", "Long-lived access token."),
		),
		cbWithAuth(cbWithFeatures(cbConn("snapchat_ads", "Snapchat Ads", "Marketing", "applications/snapchat-ads",
			"Snapchat Ads is Snap's advertising platform.", FormatSchema,
			cfEnum("sync_mode", "Which organisations to sync.", "AllOrganizations", "SpecificOrganizations"),
			cfStrings("organizations", "Organisation ids to sync."),
			cfEnum("account_sync_mode", "Which ad accounts to sync.", cbAccountModes...),
			cfStrings("accounts", "Ad account ids to sync."),
			cfEnum("swipe_attribution_window", "Swipe attribution window.", "DAY_1", "DAY_7", "DAY_28"),
			cfEnum("view_attribution_window", "View attribution window.", "NONE", "HOUR_1", "HOUR_3", "HOUR_6", "DAY_1", "DAY_7", "DAY_28"),
			cfTimeframeMonths(),
		), cbAdsFeatures...), cfClientAccess("Snapchat Ads")...),
		cbWithAuth(cbWithFeatures(cbConn("pinterest_ads", "Pinterest Ads", "Marketing", "applications/pinterest-ads",
			"Pinterest Ads is Pinterest's advertising platform.", FormatSchema,
			cfEnum("sync_mode", "Which advertisers to sync.", "AllAdvertisers", "SpecificAdvertisers"),
			cfStrings("advertisers", "Advertiser ids to sync."),
			cfEnum("click_attribution_window", "Click attribution window in days.", "ZERO", "ONE", "SEVEN", "FOURTEEN", "THIRTY", "SIXTY"),
			cfEnum("view_attribution_window", "View attribution window in days.", "ZERO", "ONE", "SEVEN", "FOURTEEN", "THIRTY", "SIXTY"),
			cfEnum("conversion_report_time", "Report conversions at ad time or conversion time.", "AD_EVENT", "CONVERSION_EVENT"),
			cfTimeframeMonths(),
		), cbAdsFeatures...), cfClientAccess("Pinterest")...),
		cbWithAuth(cbWithFeatures(cbConn("google_analytics_4", "Google Analytics 4", "Marketing", "applications/google-analytics-4",
			"Google Analytics 4 is Google's web and app analytics service.", FormatSchema,
			cfEnum("sync_mode", "Which accounts to sync.", "ALL_ACCOUNTS", "SPECIFIC_ACCOUNTS"),
			cfStrings("accounts", "Account ids to sync."),
			cfStrings("properties", "Properties to sync, as properties/{id}."),
			cfTimeframeMonths(),
			cfObjects("reports", "Reports to sync; each becomes a table.",
				cfString("table", "Destination table."),
				cfEnum("config_type", "Prebuilt or custom report.", "PREBUILT", "CUSTOM"),
				cfString("prebuilt_report", "Prebuilt report name, with PREBUILT."),
				cfStrings("dimensions", "Dimensions, with CUSTOM."),
				cfStrings("metrics", "Metrics, with CUSTOM."),
				cfEnum("time_aggregation_granularity", "Time granularity.", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"),
				cfInt("rollback_window", "Rollback window in days."),
			),
		), cbAdsFeatures...), cfClientAccess("Google Analytics")...),
	)

	// --- Files -----------------------------------------------------------
	add(
		cbWithFeatures(cbConn("s3", "Amazon S3", "File", "files/amazon-s3",
			"Amazon S3 is object storage on AWS; Fivetran syncs the files in a bucket.", FormatSchemaTableGroup,
			append([]Field{
				cfString("bucket", "Bucket name."),
				cfEnum("auth_type", "How Fivetran accesses the bucket.", "IAM_ROLE", "ACCESS_KEY", "PUBLIC_BUCKET"),
				cfSecret("role_arn", "IAM role Fivetran assumes (IAM_ROLE)."),
				cfString("access_key_id", "Access key id (ACCESS_KEY)."),
				cfNullable(cfSecret("access_key_secret", "Secret access key (ACCESS_KEY).")),
				cfBool("is_public", "The bucket is public."),
				cfBool("is_private_link_required", "Connect over AWS PrivateLink."),
				cfEnum("connection_type", "How Fivetran reaches the bucket.", cbConnectionTypes...),
				cfEnum("list_strategy", "How files are listed.", "complete_listing", "time_based_pattern_listing"),
			}, append(cfFileParsing(cbFileTypes), cfPGP()...)...)...), cbFileFeatures...),
		cbWithFeatures(cbConn("gcs", "Google Cloud Storage", "File", "files/gcs",
			"Google Cloud Storage is object storage on Google Cloud.", FormatSchemaTableGroup,
			append([]Field{
				cfString("bucket", "Bucket name."),
				cfEnum("auth_type", "Fivetran's service account or your own.", "FIVETRAN_SERVICE_ACCOUNT", "CUSTOM_SERVICE_ACCOUNT"),
				cfSecret("secret_key", "JSON key of your service account (CUSTOM_SERVICE_ACCOUNT)."),
			}, append(cfFileParsing(cbFileTypes), cfPGP()...)...)...), cbFileFeatures...),
		cbWithAuth(cbWithFeatures(cbConn("azure_blob_storage", "Azure Blob Storage", "File", "files/azure-blob-storage",
			"Azure Blob Storage is Microsoft's object storage.", FormatSchemaTableGroup,
			append([]Field{
				cfString("storage_account_name", "Storage account name."),
				cfString("container_name", "Blob container name."),
				cfEnum("auth_method", "Connection string or service principal.", "CONNECTION_STRING", "SERVICE_PRINCIPAL_SECRET"),
				cfSecret("connection_string", "Container connection string (CONNECTION_STRING)."),
				cfEnum("connection_method", "How Fivetran reaches the storage account.", "DIRECT", "SSH_TUNNEL", "PRIVATE_LINK"),
				cfNullable(cfString("container_address", "Container IP address reachable from the tunnel host.")),
				cfNullable(cfString("host_ip", "Tunnel host IP address.")),
				cfNullable(cfString("host_user", "Tunnel host user.")),
			}, append(cfFileParsing(cbFileTypes), cfPGP()...)...)...), cbFileFeatures...),
			cfString("client_id", "Client id of your Microsoft Entra application."),
			cfSecret("client_secret", "Client secret of your Microsoft Entra application."),
			cfSecret("tenant_id", "Tenant id of your Microsoft Entra application."),
		),
		cbWithFeatures(cbConn("sftp", "SFTP", "File", "files/sftp",
			"SFTP servers are synced file by file over SSH.", FormatSchemaTableGroup,
			append(append([]Field{
				cfString("host", "SFTP host."),
				cfInt("port", "SFTP port."),
				cfString("user", "SFTP user."),
				cfBool("is_keypair", "Authenticate with Fivetran's key pair instead of a password."),
				cfSecret("password", "SFTP password (when is_keypair is false)."),
				cfEnum("connection_method", "Direct or through an SSH tunnel.", "DIRECT", "SSH_TUNNEL"),
				cfBool("sync_nested_files", "Sync files in nested folders."),
				cfEnum("file_handling", "Parse files into tables or sync them as unstructured files.", "structured", "unstructured"),
			}, cfTunnel()...), append(cfFileParsing(cbFileTypes), cfPGP()...)...)...), cbFileFeatures...),
		cbWithFeatures(cbConn("ftp", "FTP", "File", "files/ftp",
			"FTP and FTPS servers are synced file by file.", FormatSchemaTableGroup,
			append([]Field{
				cfString("host", "FTP host."),
				cfInt("port", "FTP port."),
				cfString("user", "FTP user."),
				cfSecret("password", "FTP password."),
				cfBool("is_secure", "The server supports FTPS."),
			}, append(cfFileParsing(cbFileTypes), cfPGP()...)...)...), cbFileFeatures...),
		// Its connections report service_version 1 in every recorded answer.
		cbVersion(cbWithAuth(cbWithFeatures(cbConn("google_sheets", "Google Sheets", "File", "files/google-sheets",
			"Google Sheets is Google's online spreadsheet; a named range is synced to one table.", FormatSchemaTable,
			cfString("sheet_id", "URL or id of the spreadsheet."),
			cfString("named_range", "Named range that holds the data."),
			cfEnum("auth_type", "Fivetran's service account or OAuth.", "ServiceAccount", "OAuth"),
		), cbFeatReSync), cfClientAccess("Google Sheets")...), 1),
		cbWithFeatures(cbConn("email", "Email", "File", "files/email",
			"Files attached to emails sent to a Fivetran address are synced.", FormatSchemaTableGroup,
			append([]Field{
				cfNullable(cfStrings("allowed_senders_list", "Only ingest emails from these senders.")),
				cfEnum("connection_type", "Connection method.", cbConnectionTypes...),
			}, cfWithout(cfFileParsing(cbFileTypes), "prefix", "on_error", "file_mapping_method")...)...), cbFileFeatures...),
	)

	// --- Events and functions ---------------------------------------------
	add(
		cbWithFeatures(cbConn("webhooks", "Webhooks", "Events", "events/webhooks",
			"Fivetran receives JSON events posted to a webhook URL.", FormatSchemaTable,
			cfEnum("sync_format", "Store events packed or unpacked; unpacked events must be JSON objects.", "Unpacked", "Packed"),
			cfEnum("bucket_service", "Where the events are staged.", "Fivetran", "S3", "GCS", "AZURE"),
			cfNullable(cfString("s3_bucket", "S3 bucket, with bucket_service S3.")),
			cfNullable(cfSecret("s3_role_arn", "IAM role for the S3 bucket.")),
			cfNullable(cfString("gcs_bucket", "GCS bucket, with bucket_service GCS.")),
			cfSecret("blob_sas_url", "SAS URL of the Azure container, with bucket_service AZURE."),
			cfEnum("auth_method", "How incoming requests are authenticated.", "NONE", "HMAC", "TOKEN_BASED"),
			cfNullable(cfString("auth_header_key", "Header that carries the signature or token.")),
			cfNullable(cfSecret("auth_secret", "Secret for HMAC or token authentication.")),
			cfEnum("algorithm", "HMAC algorithm.", "INFER_FROM_HEADER", "MD5", "SHA_1", "SHA_224", "SHA_256", "SHA_384", "SHA_512"),
			cfEnum("signature_encoding", "Encoding of the HMAC signature.", "BASE64", "HEXA_DECIMAL"),
		), cbEventFeatures...),
		cbWithFeatures(cbConn("segment", "Segment", "Events", "events/segment",
			"Segment is a customer data platform; events arrive by webhook or from S3.", FormatSchema,
			cfEnum("sync_type", "Receive events by webhook or read them from S3.", "Webhook", "S3"),
			cfString("bucket", "S3 bucket, with S3."),
			cfString("prefix", "Folder of the Segment files in the bucket."),
			cfSecret("role_arn", "IAM role Fivetran assumes, with S3."),
		), cbEventFeatures...),
		cbWithFeatures(cbConn("snowplow", "Snowplow", "Events", "events/snowplow",
			"Snowplow is an event tracking pipeline; Fivetran hosts the collector.", FormatSchema,
			cfBool("enable_enrichments", "Apply Snowplow enrichments."),
			cfNullable(cfString("config_repository_url", "Public repository with the JSON configuration files.")),
		), cbEventFeatures...),
		cbWithFeatures(cbConn("kinesis", "Amazon Kinesis Firehose", "Events", "events/kinesis",
			"Amazon Kinesis Data Firehose delivers streaming events to S3, from where Fivetran syncs them.", FormatSchemaTable,
			cfString("bucket", "S3 bucket that Firehose writes to."),
			cfString("prefix", "Folder of the Firehose files in the bucket."),
			cfSecret("role_arn", "IAM role Fivetran assumes."),
			cfNullable(cfEnum("json_delivery_mode", "Deliver JSON records packed or unpacked.", "Packed", "Unpacked")),
		), cbEventFeatures...),
		cbWithFeatures(cbConn("apache_kafka", "Apache Kafka", "Events", "events/apache-kafka",
			"Apache Kafka is a distributed event streaming platform.", FormatSchema,
			cfStrings("servers", "Bootstrap servers as host:port."),
			cfString("consumer_group", "Consumer group name."),
			cfEnum("message_type", "Format of the messages.", "Json", "Avro", "Protobuf", "Text"),
			cfEnum("sync_type", "Store messages packed or unpacked.", "Packed", "Unpacked"),
			cfEnum("security_protocol", "Security protocol.", "PLAINTEXT", "SASL", "TLS"),
			cfNullable(cfEnum("sasl_mechanism", "SASL mechanism.", "PLAIN", "SCRAM_SHA_256", "SCRAM_SHA_512")),
			cfNullable(cfSecret("sasl_plain_key", "SASL PLAIN key.")),
			cfNullable(cfSecret("sasl_plain_secret", "SASL PLAIN secret.")),
			cfNullable(cfSecret("sasl_scram256_key", "SASL SCRAM-SHA-256 key.")),
			cfNullable(cfSecret("sasl_scram256_secret", "SASL SCRAM-SHA-256 secret.")),
			cfNullable(cfSecret("sasl_scram512_key", "SASL SCRAM-SHA-512 key.")),
			cfNullable(cfSecret("sasl_scram512_secret", "SASL SCRAM-SHA-512 secret.")),
			cfSecret("client_cert", "Client certificate, with TLS."),
			cfSecret("client_cert_key", "Client certificate key, with TLS."),
			cfSecret("trusted_cert", "Trusted certificate, with TLS."),
			cfStrings("schema_registry_urls", "Schema registry URLs, with Avro."),
			cfNullable(cfSecret("schema_registry_key", "Schema registry key.")),
			cfNullable(cfSecret("schema_registry_secret", "Schema registry secret.")),
		), append(cbEventFeatures, cbFeatPrivateNetworking)...),
		cbWithStatus(cbWithAuth(cbWithFeatures(cbConn("confluent_cloud", "Confluent Cloud", "Events", "events/confluent-cloud",
			"Confluent Cloud is a managed Apache Kafka service.", FormatSchema,
			cfStrings("servers", "Bootstrap servers as host:port."),
			cfString("consumer_group", "Consumer group name."),
			cfEnum("auth_method", "API key and secret, or OAuth 2.0 client credentials.", "API_KEY", "OAUTH"),
			cfSecret("api_key", "Cluster API key."),
			cfSecret("api_secret", "Cluster API secret."),
			cfEnum("message_type", "Format of the messages.", "Json", "Avro", "Protobuf", "Text"),
			cfEnum("sync_type", "Store messages packed or unpacked.", "Packed", "Unpacked"),
			cfEnum("security_protocol", "Security protocol.", "SASL", "PLAINTEXT"),
			cfStrings("schema_registry_urls", "Schema registry URLs."),
			cfNullable(cfSecret("schema_registry_key", "Schema registry key.")),
			cfNullable(cfSecret("schema_registry_secret", "Schema registry secret.")),
		), cbEventFeatures...),
			cfString("oauth_client_id", "OAuth 2.0 client id from your identity provider."),
			cfSecret("oauth_client_secret", "OAuth 2.0 client secret."),
			cfSecret("oauth_token_endpoint_url", "Token endpoint URL of the identity provider."),
			cfString("oauth_scope", "Scope to request; optional."),
			cfString("logical_cluster_id", "Logical cluster id."),
			cfString("identity_pool_id", "Identity pool id; optional."),
		), "beta"),
		cbWithFeatures(cbConn("aws_lambda", "AWS Lambda", "Function", "functions/aws-lambda",
			"Fivetran calls your AWS Lambda function and syncs the data it returns.", FormatSchema,
			cfString("function", "Name of the Lambda function."),
			cfEnum("region", "AWS region of the function.", "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "sa-east-1"),
			cfSecret("role_arn", "IAM role Fivetran assumes to invoke the function."),
			cfSecret("secrets", "JSON object of secrets passed to the function (legacy form)."),
			// An array of objects whose value member is a secret.
			cfObjects("secrets_list", "Secrets passed to the function at run time.",
				cfString("key", "Secret name."),
				cfSecret("value", "Secret value."),
			),
			cfNullable(cfObjects("custom_payloads", "Extra key-value pairs passed to the function.",
				cfString("key", "Payload key."),
				cfString("value", "Payload value."),
			)),
			cfEnum("sync_method", "Receive the response directly or through cloud storage.", "DIRECT", "CLOUD_STORAGE"),
			cfString("bucket", "S3 bucket, with CLOUD_STORAGE."),
			cfBool("is_private_link_required", "Connect over AWS PrivateLink."),
		), cbFeatReSync, cbFeatPrivateNetworking),
	)
	return cs
}

// ---------------------------------------------------------------------------
// Destinations.

func cbDest(id, name string, config ...Field) DestinationType {
	return DestinationType{ID: id, Name: name, Config: config}
}

func cfWarehouse(connTypes []string, extra ...Field) []Field {
	fs := []Field{
		cfNullable(cfString("host", "Server host name.")),
		cfInt("port", "Server port."),
		cfNullable(cfString("database", "Database name.")),
		cfNullable(cfString("user", "User Fivetran connects as.")),
		cfNullable(cfSecret("password", "Password of the user.")),
		cfEnum("connection_type", "Connection method; Directly by default.", connTypes...),
		cfBool("always_encrypted", "Require TLS (with SshTunnel)."),
		cfNullable(cfString("tunnel_host", "SSH server, with SshTunnel.")),
		cfInt("tunnel_port", "SSH port, with SshTunnel."),
		cfNullable(cfString("tunnel_user", "SSH user, with SshTunnel.")),
	}
	return append(fs, extra...)
}

func builtinDestinations() []DestinationType {
	cbAllConn := cbConnectionTypes
	return []DestinationType{
		cbDest("snowflake", "Snowflake",
			cfNullable(cfString("host", "Snowflake account host, e.g. account.snowflakecomputing.com.")),
			cfInt("port", "Port, 443 by default."),
			cfNullable(cfString("database", "Database name.")),
			cfNullable(cfString("user", "Snowflake user.")),
			cfEnum("auth", "Authentication type.", "PASSWORD", "KEY_PAIR", "OAUTH"),
			cfNullable(cfSecret("password", "Password (PASSWORD authentication).")),
			cfNullable(cfSecret("private_key", "Private key (KEY_PAIR authentication).")),
			cfBool("is_private_key_encrypted", "The private key is encrypted."),
			cfNullable(cfSecret("passphrase", "Passphrase of the encrypted private key.")),
			cfNullable(cfString("role", "Role Fivetran uses; the user's default role when empty.")),
			cfEnum("connection_type", "Connection method.", cbAllConn...),
			cfNullable(cfString("default_virtual_warehouse", "Virtual warehouse for queries.")),
			cfBool("use_customer_staging", "Stage data in your own bucket."),
			cfNullable(cfString("bucket", "Staging bucket.")),
			cfNullable(cfString("aws_access_key_id", "Access key id for the staging bucket.")),
			cfNullable(cfSecret("aws_secret_access_key", "Secret access key for the staging bucket.")),
		),
		cbDest("big_query", "BigQuery",
			cfString("project_id", "Google Cloud project id."),
			cfNullable(cfString("data_set_location", "Location of the datasets, e.g. US or EU.")),
			cfNullable(cfString("bucket", "Your GCS bucket for processing; optional.")),
			cfNullable(cfSecret("secret_key", "JSON key of your own service account; optional.")),
			cfBool("support_json_type", "Store JSON columns as JSON instead of STRING."),
		),
		cbDest("managed_big_query", "Fivetran-managed BigQuery",
			cfString("project_id", "Google Cloud project id."),
			cfNullable(cfEnum("data_set_location", "Location of the datasets.", "US", "EU", "asia-east2", "australia-southeast1")),
			cfNullable(cfString("bucket", "GCS bucket for processing.")),
			cfNullable(cfSecret("secret_key", "JSON key of the service account.")),
		),
		cbDest("redshift", "Amazon Redshift", cfWarehouse(cbAllConn,
			cfEnum("auth_type", "Password or IAM authentication.", "PASSWORD", "IAM"),
			cfSecret("role_arn", "IAM role with Redshift permissions (IAM authentication)."),
			cfNullable(cfReadonly(cfString("external_id", "External id generated by Fivetran for the IAM trust policy."))),
			cfNullable(cfString("cluster_id", "Cluster id.")),
			cfNullable(cfString("cluster_region", "Cluster region.")),
			cfBool("is_redshift_serverless", "The destination is Redshift Serverless."),
			cfBool("enable_super_type", "Load JSON into SUPER columns."),
			cfNullable(cfString("aws_access_key_id", "Access key id, with IAM authentication through keys.")),
			cfNullable(cfSecret("aws_secret_access_key", "Secret access key that goes with aws_access_key_id.")),
		)...),
		cbDest("databricks", "Databricks",
			cfNullable(cfString("server_host_name", "Workspace server host name.")),
			cfInt("port", "Server port, 443 by default."),
			cfNullable(cfString("http_path", "HTTP path of the SQL warehouse or cluster.")),
			cfNullable(cfString("catalog", "Unity Catalog name.")),
			cfEnum("auth_type", "Authentication type.", "PERSONAL_ACCESS_TOKEN", "OAUTH2"),
			cfSecret("personal_access_token", "Personal access token."),
			cfNullable(cfString("oauth2_client_id", "OAuth 2.0 client id.")),
			cfNullable(cfSecret("oauth2_secret", "OAuth 2.0 secret.")),
			cfEnum("cloud_provider", "Cloud the workspace runs in.", "AWS", "AZURE", "GCP"),
			cfEnum("connection_type", "Connection method.", "Directly", "PrivateLink"),
			cfBool("create_external_tables", "Create external tables."),
			cfNullable(cfString("external_location", "External location for the Delta tables.")),
			cfNullable(cfString("storage_account_name", "Azure storage account for external staging.")),
			cfSecret("storage_account_key", "Azure storage account key (sensitive for Databricks)."),
			cfNullable(cfString("aws_access_key_id", "Access key id for external staging on S3.")),
			cfNullable(cfSecret("aws_secret_access_key", "Secret access key for external staging on S3.")),
		),
		cbDest("postgres_warehouse", "PostgreSQL", cfWarehouse(cbAllConn,
			cfEnum("auth_method", "Authentication method; PASSWORD by default.", "PASSWORD", "AWS_IAM", "CLIENT_CERTIFICATE", "ENTRA_ID"),
			cfNullable(cfString("aws_region_code", "AWS region, with AWS_IAM.")),
			cfSecret("role_arn", "IAM role, with AWS_IAM."),
		)...),
		cbDest("postgres_rds_warehouse", "Amazon RDS for PostgreSQL", cfWarehouse(cbAllConn,
			cfEnum("auth_method", "Authentication method; PASSWORD by default.", "PASSWORD", "AWS_IAM"),
			cfSecret("role_arn", "IAM role, with AWS_IAM."),
		)...),
		cbDest("aurora_postgres_warehouse", "Amazon Aurora PostgreSQL", cfWarehouse(cbAllConn,
			cfEnum("auth_method", "Authentication method; PASSWORD by default.", "PASSWORD", "AWS_IAM"),
			cfSecret("role_arn", "IAM role, with AWS_IAM."),
		)...),
		cbDest("mysql_warehouse", "MySQL", cfWarehouse([]string{"Directly", "PrivateLink", "SshTunnel"})...),
		cbDest("sql_server_warehouse", "SQL Server", cfWarehouse(cbAllConn)...),
		cbDest("oracle_warehouse", "Oracle", cfWarehouse([]string{"Directly", "SshTunnel"})...),
		cbDest("azure_sql_data_warehouse", "Azure Synapse Analytics", cfWarehouse([]string{"Directly", "PrivateLink", "SshTunnel"},
			cfNullable(cfString("storage_account_name", "Storage account used for staging.")),
			cfString("storage_account_key", "Access key of the staging storage account."),
		)...),
		cbDest("managed_data_lake", "Managed Data Lake Service",
			cfEnum("storage_provider", "Cloud storage of the data lake.", "AWS", "ADLS", "GCS"),
			cfImmutable(cfNullable(cfString("bucket", "S3 or GCS bucket of the data lake. Can only be set at creation."))),
			cfImmutable(cfNullable(cfString("region", "AWS region of the bucket. Can only be set at creation."))),
			cfImmutable(cfNullable(cfString("fivetran_role_arn", "IAM role Fivetran assumes. Can only be set at creation."))),
			cfImmutable(cfNullable(cfString("prefix_path", "Folder within the bucket or container. Can only be set at creation."))),
			cfImmutable(cfNullable(cfString("storage_account_name", "ADLS Gen2 storage account. Can only be set at creation."))),
			cfImmutable(cfNullable(cfString("container_name", "ADLS container. Can only be set at creation."))),
			cfNullable(cfString("tenant_id", "Tenant id of the service principal.")),
			cfNullable(cfString("client_id", "Client id of the service principal.")),
			cfSecret("secret_value", "Secret of the service principal."),
			cfNullable(cfString("onelake_client_id", "Client id for Microsoft OneLake.")),
			cfNullable(cfSecret("onelake_client_secret", "Client secret for Microsoft OneLake.")),
			cfBool("should_maintain_tables_in_databricks", "Maintain the tables in Databricks Unity Catalog."),
			cfBool("should_maintain_tables_in_glue", "Maintain Iceberg tables in AWS Glue."),
			cfEnum("snapshot_retention_period", "How long table snapshots are kept.", "ONE_DAY", "ONE_WEEK", "TWO_WEEKS", "FOUR_WEEKS", "SIX_WEEKS", "RETAIN_ALL_SNAPSHOTS"),
			cfEnum("auth_type", "How Fivetran connects to Databricks.", "PERSONAL_ACCESS_TOKEN", "OAUTH2"),
			cfSecret("personal_access_token", "Databricks personal access token."),
			cfNullable(cfString("oauth2_client_id", "Databricks OAuth 2.0 client id.")),
			cfNullable(cfSecret("oauth2_secret", "Databricks OAuth 2.0 secret.")),
		),
		cbDest("confluent_cloud_wh", "Confluent Cloud",
			cfNullable(cfStrings("bootstrap_servers", "Bootstrap servers as host:port.")),
			cfEnum("security_protocol", "Security protocol.", "SASL", "SASL_PLAINTEXT"),
			cfEnum("sasl_mechanism", "SASL mechanism.", "PLAIN", "SCRAM_SHA_256", "SCRAM_SHA_512", "AWS_IAM"),
			cfNullable(cfSecret("sasl_plain_key", "SASL key.")),
			cfNullable(cfSecret("sasl_plain_secret", "SASL secret.")),
			cfEnum("data_format", "Message format.", "JSON", "AVRO"),
			cfEnum("schema_registry", "Schema registry.", "CONFLUENT_CLOUD", "AIVEN_KARAPACE", "AWS_GLUE"),
			cfNullable(cfString("schema_registry_url", "Schema registry URL.")),
			cfSecret("schema_registry_api_key", "Schema registry API key."),
			cfSecret("schema_registry_api_secret", "Schema registry API secret."),
			cfInt("num_of_partitions", "Partitions per topic."),
			cfInt("replication_factor", "Replication factor."),
			cfBool("enable_single_topic", "Write all tables to one topic."),
		),
		// The published spec leaves the ClickHouse and MotherDuck configs empty;
		// these are the usual connection settings for them (assumed).
		cbDest("clickhouse", "ClickHouse Cloud",
			cfString("host", "ClickHouse Cloud service host."),
			cfInt("port", "HTTPS port, 8443 by default."),
			cfString("user", "ClickHouse user."),
			cfSecret("password", "Password of the ClickHouse user."),
		),
		cbDest("motherduck", "MotherDuck",
			cfString("database", "MotherDuck database name."),
			cfSecret("token", "MotherDuck service token."),
		),
	}
}
