package dev.cftokens.annotations;

/**
 * The name of every Cloudflare permission group cftokens knows, for {@link Policy#permissionGroups()}
 * with IDE completion. Names shared by several scopes resolve by the policy's resources.
 *
 * <p>Kept in step with cftokens-core's permission-groups.json by PermissionGroupsConstantsTest;
 * do not edit by hand.
 */
public final class PermissionGroups {
    /** Permission group {@value}. */
    public static final String ACCESS_APPS_AND_POLICIES_READ = "Access: Apps and Policies Read";
    /** Permission group {@value}. */
    public static final String ACCESS_APPS_AND_POLICIES_REVOKE = "Access: Apps and Policies Revoke";
    /** Permission group {@value}. */
    public static final String ACCESS_APPS_AND_POLICIES_WRITE = "Access: Apps and Policies Write";
    /** Permission group {@value}. */
    public static final String ACCESS_AUDIT_LOGS_READ = "Access: Audit Logs Read";
    /** Permission group {@value}. */
    public static final String ACCESS_CUSTOM_PAGES_READ = "Access: Custom Pages Read";
    /** Permission group {@value}. */
    public static final String ACCESS_CUSTOM_PAGES_WRITE = "Access: Custom Pages Write";
    /** Permission group {@value}. */
    public static final String ACCESS_DEVICE_POSTURE_READ = "Access: Device Posture Read";
    /** Permission group {@value}. */
    public static final String ACCESS_DEVICE_POSTURE_WRITE = "Access: Device Posture Write";
    /** Permission group {@value}. */
    public static final String ACCESS_MUTUAL_TLS_CERTIFICATES_READ = "Access: Mutual TLS Certificates Read";
    /** Permission group {@value}. */
    public static final String ACCESS_MUTUAL_TLS_CERTIFICATES_WRITE = "Access: Mutual TLS Certificates Write";
    /** Permission group {@value}. */
    public static final String ACCESS_ORGANIZATIONS_IDENTITY_PROVIDERS_AND_GROUPS_READ =
            "Access: Organizations, Identity Providers, and Groups Read";
    /** Permission group {@value}. */
    public static final String ACCESS_ORGANIZATIONS_IDENTITY_PROVIDERS_AND_GROUPS_REVOKE =
            "Access: Organizations, Identity Providers, and Groups Revoke";
    /** Permission group {@value}. */
    public static final String ACCESS_ORGANIZATIONS_IDENTITY_PROVIDERS_AND_GROUPS_WRITE =
            "Access: Organizations, Identity Providers, and Groups Write";
    /** Permission group {@value}. */
    public static final String ACCESS_POLICY_TEST_READ = "Access: Policy Test Read";
    /** Permission group {@value}. */
    public static final String ACCESS_POLICY_TEST_WRITE = "Access: Policy Test Write";
    /** Permission group {@value}. */
    public static final String ACCESS_POPULATION_READ = "Access: Population Read";
    /** Permission group {@value}. */
    public static final String ACCESS_POPULATION_WRITE = "Access: Population Write";
    /** Permission group {@value}. */
    public static final String ACCESS_SCIM_LOGS_READ = "Access: SCIM logs read";
    /** Permission group {@value}. */
    public static final String ACCESS_SERVICE_TOKENS_READ = "Access: Service Tokens Read";
    /** Permission group {@value}. */
    public static final String ACCESS_SERVICE_TOKENS_WRITE = "Access: Service Tokens Write";
    /** Permission group {@value}. */
    public static final String ACCESS_SSH_AUDITING_READ = "Access: SSH Auditing Read";
    /** Permission group {@value}. */
    public static final String ACCESS_SSH_AUDITING_WRITE = "Access: SSH Auditing Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_ANALYTICS_READ = "Account Analytics Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_API_GATEWAY = "Account API Gateway";
    /** Permission group {@value}. */
    public static final String ACCOUNT_API_GATEWAY_READ = "Account API Gateway Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_API_TOKENS_READ = "Account API Tokens Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_API_TOKENS_WRITE = "Account API Tokens Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_CUSTOM_PAGES_READ = "Account Custom Pages Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_CUSTOM_PAGES_WRITE = "Account Custom Pages Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_DNS_SETTINGS_READ = "Account DNS Settings Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_DNS_SETTINGS_WRITE = "Account DNS Settings Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_FIREWALL_ACCESS_RULES_READ = "Account Firewall Access Rules Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_FIREWALL_ACCESS_RULES_WRITE = "Account Firewall Access Rules Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_RULESETS_READ = "Account Rulesets Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_RULESETS_WRITE = "Account Rulesets Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_RULE_LISTS_READ = "Account Rule Lists Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_RULE_LISTS_WRITE = "Account Rule Lists Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_SECURITY_CENTER_INSIGHTS_READ = "Account Security Center Insights Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_SECURITY_CENTER_INSIGHTS_WRITE = "Account Security Center Insights Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_SETTINGS_READ = "Account Settings Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_SETTINGS_WRITE = "Account Settings Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_SSL_AND_CERTIFICATES_READ = "Account: SSL and Certificates Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_SSL_AND_CERTIFICATES_WRITE = "Account: SSL and Certificates Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_WAF_READ = "Account WAF Read";
    /** Permission group {@value}. */
    public static final String ACCOUNT_WAF_WRITE = "Account WAF Write";
    /** Permission group {@value}. */
    public static final String ACCOUNT_WAITING_ROOMS_READ = "Account Waiting Rooms Read";
    /** Permission group {@value}. */
    public static final String ADDRESS_MAPS_READ = "Address Maps Read";
    /** Permission group {@value}. */
    public static final String ADDRESS_MAPS_WRITE = "Address Maps Write";
    /** Permission group {@value}. */
    public static final String AGENTS_GATEWAY_READ = "Agents Gateway Read";
    /** Permission group {@value}. */
    public static final String AGENTS_GATEWAY_RUN = "Agents Gateway Run";
    /** Permission group {@value}. */
    public static final String AGENTS_GATEWAY_WRITE = "Agents Gateway Write";
    /** Permission group {@value}. */
    public static final String AI_AUDIT_READ = "AI Audit Read";
    /** Permission group {@value}. */
    public static final String AI_AUDIT_WRITE = "AI Audit Write";
    /** Permission group {@value}. */
    public static final String AI_GATEWAY_READ = "AI Gateway Read";
    /** Permission group {@value}. */
    public static final String AI_GATEWAY_RUN = "AI Gateway Run";
    /** Permission group {@value}. */
    public static final String AI_GATEWAY_WRITE = "AI Gateway Write";
    /** Permission group {@value}. */
    public static final String AI_SEARCH_INDEX_ENGINE = "AI Search Index Engine";
    /** Permission group {@value}. */
    public static final String ALLOW_REQUEST_TRACER_READ = "Allow Request Tracer Read";
    /** Permission group {@value}. */
    public static final String ANALYTICS_READ = "Analytics Read";
    /** Permission group {@value}. */
    public static final String API_TOKENS_READ = "API Tokens Read";
    /** Permission group {@value}. */
    public static final String API_TOKENS_WRITE = "API Tokens Write";
    /** Permission group {@value}. */
    public static final String APPLICATION_SECURITY_REPORTS_READ = "Application Security Reports Read";
    /** Permission group {@value}. */
    public static final String APPS_WRITE = "Apps Write";
    /** Permission group {@value}. */
    public static final String AUTO_RAG_READ = "Auto Rag Read";
    /** Permission group {@value}. */
    public static final String AUTO_RAG_WRITE = "Auto Rag Write";
    /** Permission group {@value}. */
    public static final String AUTO_RAG_WRITE_RUN_ENGINE = "Auto Rag Write Run Engine";
    /** Permission group {@value}. */
    public static final String BILLING_READ = "Billing Read";
    /** Permission group {@value}. */
    public static final String BILLING_WRITE = "Billing Write";
    /** Permission group {@value}. */
    public static final String BOT_MANAGEMENT_FEEDBACK_REPORT_READ = "Bot Management Feedback Report Read";
    /** Permission group {@value}. */
    public static final String BOT_MANAGEMENT_FEEDBACK_REPORT_WRITE = "Bot Management Feedback Report Write";
    /** Permission group {@value}. */
    public static final String BOT_MANAGEMENT_READ = "Bot Management Read";
    /** Permission group {@value}. */
    public static final String BOT_MANAGEMENT_WRITE = "Bot Management Write";
    /** Permission group {@value}. */
    public static final String BROWSER_RENDERING_READ = "Browser Rendering Read";
    /** Permission group {@value}. */
    public static final String BROWSER_RENDERING_WRITE = "Browser Rendering Write";
    /** Permission group {@value}. */
    public static final String CACHE_PURGE = "Cache Purge";
    /** Permission group {@value}. */
    public static final String CACHE_SETTINGS_READ = "Cache Settings Read";
    /** Permission group {@value}. */
    public static final String CACHE_SETTINGS_WRITE = "Cache Settings Write";
    /** Permission group {@value}. */
    public static final String CALLS_READ = "Calls Read";
    /** Permission group {@value}. */
    public static final String CALLS_WRITE = "Calls Write";
    /** Permission group {@value}. */
    public static final String CASB_READ = "CASB Read";
    /** Permission group {@value}. */
    public static final String CASB_WRITE = "CASB Write";
    /** Permission group {@value}. */
    public static final String CF_AGENTS_READ = "CF Agents Read";
    /** Permission group {@value}. */
    public static final String CF_AGENTS_WRITE = "CF Agents Write";
    /** Permission group {@value}. */
    public static final String CHINA_NETWORK_STEERING_READ = "China Network Steering Read";
    /** Permission group {@value}. */
    public static final String CHINA_NETWORK_STEERING_WRITE = "China Network Steering Write";
    /** Permission group {@value}. */
    public static final String CLOUDCHAMBER_READ = "Cloudchamber Read";
    /** Permission group {@value}. */
    public static final String CLOUDCHAMBER_WRITE = "Cloudchamber Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_CDS_COMPUTE_ACCOUNT_READ = "Cloudflare CDS Compute Account Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_CDS_COMPUTE_ACCOUNT_WRITE = "Cloudflare CDS Compute Account Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_DEX = "Cloudflare DEX";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_DEX_READ = "Cloudflare DEX Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_DEX_WRITE = "Cloudflare DEX Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_CONNECTORS_READ = "Cloudflare One Connectors Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_CONNECTORS_WRITE = "Cloudflare One Connectors Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_CONNECTOR_CLOUDFLARED_READ = "Cloudflare One Connector: cloudflared Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_CONNECTOR_CLOUDFLARED_WRITE =
            "Cloudflare One Connector: cloudflared Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_CONNECTOR_WARP_READ = "Cloudflare One Connector: WARP Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_CONNECTOR_WARP_WRITE = "Cloudflare One Connector: WARP Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_NETWORKS_READ = "Cloudflare One Networks Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ONE_NETWORKS_WRITE = "Cloudflare One Networks Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_TUNNEL_READ = "Cloudflare Tunnel Read";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_TUNNEL_WRITE = "Cloudflare Tunnel Write";
    /** Permission group {@value}. */
    public static final String CLOUDFLARE_ZERO_TRUST_SECURE_DNS_LOCATIONS_WRITE =
            "Cloudflare Zero Trust Secure DNS Locations Write";
    /** Permission group {@value}. */
    public static final String CLOUDFORCE_ONE_READ = "Cloudforce One Read";
    /** Permission group {@value}. */
    public static final String CLOUDFORCE_ONE_WRITE = "Cloudforce One Write";
    /** Permission group {@value}. */
    public static final String CLOUD_CONNECTOR_READ = "Cloud Connector Read";
    /** Permission group {@value}. */
    public static final String CLOUD_CONNECTOR_WRITE = "Cloud Connector Write";
    /** Permission group {@value}. */
    public static final String CLOUD_EMAIL_SECURITY_READ = "Cloud Email Security: Read";
    /** Permission group {@value}. */
    public static final String CLOUD_EMAIL_SECURITY_WRITE = "Cloud Email Security: Write";
    /** Permission group {@value}. */
    public static final String CONFIG_SETTINGS_READ = "Config Settings Read";
    /** Permission group {@value}. */
    public static final String CONFIG_SETTINGS_WRITE = "Config Settings Write";
    /** Permission group {@value}. */
    public static final String CONNECTIVITY_DIRECTORY_ADMIN = "Connectivity Directory Admin";
    /** Permission group {@value}. */
    public static final String CONNECTIVITY_DIRECTORY_BIND = "Connectivity Directory Bind";
    /** Permission group {@value}. */
    public static final String CONNECTIVITY_DIRECTORY_READ = "Connectivity Directory Read";
    /** Permission group {@value}. */
    public static final String CONSTELLATION_READ = "Constellation Read";
    /** Permission group {@value}. */
    public static final String CONSTELLATION_WRITE = "Constellation Write";
    /** Permission group {@value}. */
    public static final String CUSTOM_ERRORS_READ = "Custom Errors Read";
    /** Permission group {@value}. */
    public static final String CUSTOM_ERRORS_WRITE = "Custom Errors Write";
    /** Permission group {@value}. */
    public static final String CUSTOM_PAGES_READ = "Custom Pages Read";
    /** Permission group {@value}. */
    public static final String CUSTOM_PAGES_WRITE = "Custom Pages Write";
    /** Permission group {@value}. */
    public static final String D1_READ = "D1 Read";
    /** Permission group {@value}. */
    public static final String D1_WRITE = "D1 Write";
    /** Permission group {@value}. */
    public static final String DDOS_BOTNET_FEED_READ = "DDoS Botnet Feed Read";
    /** Permission group {@value}. */
    public static final String DDOS_BOTNET_FEED_WRITE = "DDoS Botnet Feed Write";
    /** Permission group {@value}. */
    public static final String DDOS_PROTECTION_READ = "DDoS Protection Read";
    /** Permission group {@value}. */
    public static final String DDOS_PROTECTION_WRITE = "DDoS Protection Write";
    /** Permission group {@value}. */
    public static final String DISABLE_ESC_READ = "Disable ESC Read";
    /** Permission group {@value}. */
    public static final String DISABLE_ESC_WRITE = "Disable ESC Write";
    /** Permission group {@value}. */
    public static final String DNS_FIREWALL_READ = "DNS Firewall Read";
    /** Permission group {@value}. */
    public static final String DNS_FIREWALL_WRITE = "DNS Firewall Write";
    /** Permission group {@value}. */
    public static final String DNS_READ = "DNS Read";
    /** Permission group {@value}. */
    public static final String DNS_VIEW_READ = "DNS View Read";
    /** Permission group {@value}. */
    public static final String DNS_VIEW_WRITE = "DNS View Write";
    /** Permission group {@value}. */
    public static final String DNS_WRITE = "DNS Write";
    /** Permission group {@value}. */
    public static final String DOMAIN_API_GATEWAY = "Domain API Gateway";
    /** Permission group {@value}. */
    public static final String DOMAIN_API_GATEWAY_READ = "Domain API Gateway Read";
    /** Permission group {@value}. */
    public static final String DOMAIN_PAGE_SHIELD = "Domain Page Shield";
    /** Permission group {@value}. */
    public static final String DOMAIN_PAGE_SHIELD_READ = "Domain Page Shield Read";
    /** Permission group {@value}. */
    public static final String DYNAMIC_URL_REDIRECTS_READ = "Dynamic URL Redirects Read";
    /** Permission group {@value}. */
    public static final String DYNAMIC_URL_REDIRECTS_WRITE = "Dynamic URL Redirects Write";
    /** Permission group {@value}. */
    public static final String EMAIL_ROUTING_ADDRESSES_READ = "Email Routing Addresses Read";
    /** Permission group {@value}. */
    public static final String EMAIL_ROUTING_ADDRESSES_WRITE = "Email Routing Addresses Write";
    /** Permission group {@value}. */
    public static final String EMAIL_ROUTING_RULES_READ = "Email Routing Rules Read";
    /** Permission group {@value}. */
    public static final String EMAIL_ROUTING_RULES_WRITE = "Email Routing Rules Write";
    /** Permission group {@value}. */
    public static final String EMAIL_SECURITY_DMARC_REPORTS_READ = "Email Security DMARC Reports Read";
    /** Permission group {@value}. */
    public static final String EMAIL_SECURITY_DMARC_REPORTS_WRITE = "Email Security DMARC Reports Write";
    /** Permission group {@value}. */
    public static final String EMAIL_SENDING_READ = "Email Sending Read";
    /** Permission group {@value}. */
    public static final String EMAIL_SENDING_WRITE = "Email Sending Write";
    /** Permission group {@value}. */
    public static final String FIREWALL_FOR_AI_READ = "Firewall for AI Read";
    /** Permission group {@value}. */
    public static final String FIREWALL_FOR_AI_WRITE = "Firewall for AI Write";
    /** Permission group {@value}. */
    public static final String FIREWALL_SERVICES_READ = "Firewall Services Read";
    /** Permission group {@value}. */
    public static final String FIREWALL_SERVICES_WRITE = "Firewall Services Write";
    /** Permission group {@value}. */
    public static final String FRAUD_DETECTION_READ = "Fraud Detection Read";
    /** Permission group {@value}. */
    public static final String FRAUD_DETECTION_WRITE = "Fraud Detection Write";
    /** Permission group {@value}. */
    public static final String HEALTH_CHECKS_READ = "Health Checks Read";
    /** Permission group {@value}. */
    public static final String HEALTH_CHECKS_WRITE = "Health Checks Write";
    /** Permission group {@value}. */
    public static final String HTTP_APPLICATIONS_READ = "HTTP Applications Read";
    /** Permission group {@value}. */
    public static final String HTTP_APPLICATIONS_WRITE = "HTTP Applications Write";
    /** Permission group {@value}. */
    public static final String HTTP_DDOS_MANAGED_RULESET_READ = "HTTP DDoS Managed Ruleset Read";
    /** Permission group {@value}. */
    public static final String HTTP_DDOS_MANAGED_RULESET_WRITE = "HTTP DDoS Managed Ruleset Write";
    /** Permission group {@value}. */
    public static final String HYPERDRIVE_READ = "Hyperdrive Read";
    /** Permission group {@value}. */
    public static final String HYPERDRIVE_WRITE = "Hyperdrive Write";
    /** Permission group {@value}. */
    public static final String IMAGES_READ = "Images Read";
    /** Permission group {@value}. */
    public static final String IMAGES_WRITE = "Images Write";
    /** Permission group {@value}. */
    public static final String INTEGRATION_WRITE = "Integration Write";
    /** Permission group {@value}. */
    public static final String INTEL_READ = "Intel Read";
    /** Permission group {@value}. */
    public static final String INTEL_WRITE = "Intel Write";
    /** Permission group {@value}. */
    public static final String IOT_READ = "IOT Read";
    /** Permission group {@value}. */
    public static final String IOT_WRITE = "IOT Write";
    /** Permission group {@value}. */
    public static final String IP_PREFIXES_BGP_ON_DEMAND_READ = "IP Prefixes: BGP On Demand Read";
    /** Permission group {@value}. */
    public static final String IP_PREFIXES_BGP_ON_DEMAND_WRITE = "IP Prefixes: BGP On Demand Write";
    /** Permission group {@value}. */
    public static final String IP_PREFIXES_READ = "IP Prefixes: Read";
    /** Permission group {@value}. */
    public static final String IP_PREFIXES_WRITE = "IP Prefixes: Write";
    /** Permission group {@value}. */
    public static final String L4_DDOS_MANAGED_RULESET_READ = "L4 DDoS Managed Ruleset Read";
    /** Permission group {@value}. */
    public static final String L4_DDOS_MANAGED_RULESET_WRITE = "L4 DDoS Managed Ruleset Write";
    /** Permission group {@value}. */
    public static final String LOAD_BALANCERS_ACCOUNT_READ = "Load Balancers Account Read";
    /** Permission group {@value}. */
    public static final String LOAD_BALANCERS_ACCOUNT_WRITE = "Load Balancers Account Write";
    /** Permission group {@value}. */
    public static final String LOAD_BALANCERS_READ = "Load Balancers Read";
    /** Permission group {@value}. */
    public static final String LOAD_BALANCERS_WRITE = "Load Balancers Write";
    /** Permission group {@value}. */
    public static final String LOAD_BALANCING_MONITORS_AND_POOLS_READ = "Load Balancing: Monitors and Pools Read";
    /** Permission group {@value}. */
    public static final String LOAD_BALANCING_MONITORS_AND_POOLS_WRITE = "Load Balancing: Monitors and Pools Write";
    /** Permission group {@value}. */
    public static final String LOGS_READ = "Logs Read";
    /** Permission group {@value}. */
    public static final String LOGS_WRITE = "Logs Write";
    /** Permission group {@value}. */
    public static final String MAGIC_FIREWALL_PACKET_CAPTURES_READ_PCAPS_API =
            "Magic Firewall Packet Captures - Read PCAPs API";
    /** Permission group {@value}. */
    public static final String MAGIC_FIREWALL_PACKET_CAPTURES_WRITE_PCAPS_API =
            "Magic Firewall Packet Captures - Write PCAPs API";
    /** Permission group {@value}. */
    public static final String MAGIC_FIREWALL_READ = "Magic Firewall Read";
    /** Permission group {@value}. */
    public static final String MAGIC_FIREWALL_WRITE = "Magic Firewall Write";
    /** Permission group {@value}. */
    public static final String MAGIC_NETWORK_MONITORING_ADMIN = "Magic Network Monitoring Admin";
    /** Permission group {@value}. */
    public static final String MAGIC_NETWORK_MONITORING_CONFIG_READ = "Magic Network Monitoring Config Read";
    /** Permission group {@value}. */
    public static final String MAGIC_NETWORK_MONITORING_CONFIG_WRITE = "Magic Network Monitoring Config Write";
    /** Permission group {@value}. */
    public static final String MAGIC_TRANSIT_READ = "Magic Transit Read";
    /** Permission group {@value}. */
    public static final String MAGIC_TRANSIT_WRITE = "Magic Transit Write";
    /** Permission group {@value}. */
    public static final String MAGIC_WAN_READ = "Magic WAN Read";
    /** Permission group {@value}. */
    public static final String MAGIC_WAN_WRITE = "Magic WAN Write";
    /** Permission group {@value}. */
    public static final String MANAGED_HEADERS_READ = "Managed headers Read";
    /** Permission group {@value}. */
    public static final String MANAGED_HEADERS_WRITE = "Managed headers Write";
    /** Permission group {@value}. */
    public static final String MASS_URL_REDIRECTS_READ = "Mass URL Redirects Read";
    /** Permission group {@value}. */
    public static final String MASS_URL_REDIRECTS_WRITE = "Mass URL Redirects Write";
    /** Permission group {@value}. */
    public static final String MCP_PORTALS_READ = "MCP Portals Read";
    /** Permission group {@value}. */
    public static final String MCP_PORTALS_WRITE = "MCP Portals Write";
    /** Permission group {@value}. */
    public static final String MEMBERSHIPS_READ = "Memberships Read";
    /** Permission group {@value}. */
    public static final String MEMBERSHIPS_WRITE = "Memberships Write";
    /** Permission group {@value}. */
    public static final String NOTIFICATIONS_READ = "Notifications Read";
    /** Permission group {@value}. */
    public static final String NOTIFICATIONS_WRITE = "Notifications Write";
    /** Permission group {@value}. */
    public static final String ORIGIN_READ = "Origin Read";
    /** Permission group {@value}. */
    public static final String ORIGIN_WRITE = "Origin Write";
    /** Permission group {@value}. */
    public static final String PAGES_READ = "Pages Read";
    /** Permission group {@value}. */
    public static final String PAGES_WRITE = "Pages Write";
    /** Permission group {@value}. */
    public static final String PAGE_RULES_READ = "Page Rules Read";
    /** Permission group {@value}. */
    public static final String PAGE_RULES_WRITE = "Page Rules Write";
    /** Permission group {@value}. */
    public static final String PAGE_SHIELD = "Page Shield";
    /** Permission group {@value}. */
    public static final String PAGE_SHIELD_READ = "Page Shield Read";
    /** Permission group {@value}. */
    public static final String PAGE_SHIELD_WRITE = "Page Shield Write";
    /** Permission group {@value}. */
    public static final String PIPELINES_READ = "Pipelines Read";
    /** Permission group {@value}. */
    public static final String PIPELINES_SEND = "Pipelines Send";
    /** Permission group {@value}. */
    public static final String PIPELINES_WRITE = "Pipelines Write";
    /** Permission group {@value}. */
    public static final String PUBSUB_CONFIGURATION_READ = "Pubsub Configuration Read";
    /** Permission group {@value}. */
    public static final String PUBSUB_CONFIGURATION_WRITE = "Pubsub Configuration Write";
    /** Permission group {@value}. */
    public static final String QUEUES_READ = "Queues Read";
    /** Permission group {@value}. */
    public static final String QUEUES_WRITE = "Queues Write";
    /** Permission group {@value}. */
    public static final String RADAR_READ = "Radar Read";
    /** Permission group {@value}. */
    public static final String REALTIME = "Realtime";
    /** Permission group {@value}. */
    public static final String REALTIME_ADMIN = "Realtime Admin";
    /** Permission group {@value}. */
    public static final String REGISTRAR_DOMAINS_READ = "Registrar Domains Read";
    /** Permission group {@value}. */
    public static final String RESPONSE_COMPRESSION_READ = "Response Compression Read";
    /** Permission group {@value}. */
    public static final String RESPONSE_COMPRESSION_WRITE = "Response Compression Write";
    /** Permission group {@value}. */
    public static final String RULE_POLICIES_READ = "Rule Policies Read";
    /** Permission group {@value}. */
    public static final String RULE_POLICIES_WRITE = "Rule Policies Write";
    /** Permission group {@value}. */
    public static final String SANITIZE_READ = "Sanitize Read";
    /** Permission group {@value}. */
    public static final String SANITIZE_WRITE = "Sanitize Write";
    /** Permission group {@value}. */
    public static final String SCIM_PROVISIONING = "SCIM Provisioning";
    /** Permission group {@value}. */
    public static final String SECRETS_STORE_READ = "Secrets Store Read";
    /** Permission group {@value}. */
    public static final String SECRETS_STORE_WRITE = "Secrets Store Write";
    /** Permission group {@value}. */
    public static final String SELECT_CONFIGURATION_READ = "Select Configuration Read";
    /** Permission group {@value}. */
    public static final String SELECT_CONFIGURATION_WRITE = "Select Configuration Write";
    /** Permission group {@value}. */
    public static final String SNIPPETS_READ = "Snippets Read";
    /** Permission group {@value}. */
    public static final String SNIPPETS_WRITE = "Snippets Write";
    /** Permission group {@value}. */
    public static final String SSL_AND_CERTIFICATES_READ = "SSL and Certificates Read";
    /** Permission group {@value}. */
    public static final String SSL_AND_CERTIFICATES_WRITE = "SSL and Certificates Write";
    /** Permission group {@value}. */
    public static final String SSO_CONNECTOR_READ = "SSO Connector Read";
    /** Permission group {@value}. */
    public static final String SSO_CONNECTOR_WRITE = "SSO Connector Write";
    /** Permission group {@value}. */
    public static final String STREAM_READ = "Stream Read";
    /** Permission group {@value}. */
    public static final String STREAM_WRITE = "Stream Write";
    /** Permission group {@value}. */
    public static final String TRANSFORM_RULES_READ = "Transform Rules Read";
    /** Permission group {@value}. */
    public static final String TRANSFORM_RULES_WRITE = "Transform Rules Write";
    /** Permission group {@value}. */
    public static final String TRUST_AND_SAFETY_READ = "Trust and Safety Read";
    /** Permission group {@value}. */
    public static final String TRUST_AND_SAFETY_WRITE = "Trust and Safety Write";
    /** Permission group {@value}. */
    public static final String TURNSTILE_SITES_READ = "Turnstile Sites Read";
    /** Permission group {@value}. */
    public static final String TURNSTILE_SITES_WRITE = "Turnstile Sites Write";
    /** Permission group {@value}. */
    public static final String URL_SCANNER_READ = "URL Scanner Read";
    /** Permission group {@value}. */
    public static final String URL_SCANNER_WRITE = "URL Scanner Write";
    /** Permission group {@value}. */
    public static final String USER_DETAILS_READ = "User Details Read";
    /** Permission group {@value}. */
    public static final String USER_DETAILS_WRITE = "User Details Write";
    /** Permission group {@value}. */
    public static final String VECTORIZE_READ = "Vectorize Read";
    /** Permission group {@value}. */
    public static final String VECTORIZE_WRITE = "Vectorize Write";
    /** Permission group {@value}. */
    public static final String WAITING_ROOMS_READ = "Waiting Rooms Read";
    /** Permission group {@value}. */
    public static final String WAITING_ROOMS_WRITE = "Waiting Rooms Write";
    /** Permission group {@value}. */
    public static final String WEB3_HOSTNAMES_READ = "Web3 Hostnames Read";
    /** Permission group {@value}. */
    public static final String WEB3_HOSTNAMES_WRITE = "Web3 Hostnames Write";
    /** Permission group {@value}. */
    public static final String WORKERS_AI_READ = "Workers AI Read";
    /** Permission group {@value}. */
    public static final String WORKERS_AI_WRITE = "Workers AI Write";
    /** Permission group {@value}. */
    public static final String WORKERS_CI_READ = "Workers CI Read";
    /** Permission group {@value}. */
    public static final String WORKERS_CI_WRITE = "Workers CI Write";
    /** Permission group {@value}. */
    public static final String WORKERS_CONTAINERS_READ = "Workers Containers Read";
    /** Permission group {@value}. */
    public static final String WORKERS_CONTAINERS_WRITE = "Workers Containers Write";
    /** Permission group {@value}. */
    public static final String WORKERS_KV_STORAGE_READ = "Workers KV Storage Read";
    /** Permission group {@value}. */
    public static final String WORKERS_KV_STORAGE_WRITE = "Workers KV Storage Write";
    /** Permission group {@value}. */
    public static final String WORKERS_OBSERVABILITY_READ = "Workers Observability Read";
    /** Permission group {@value}. */
    public static final String WORKERS_OBSERVABILITY_TELEMETRY_WRITE = "Workers Observability Telemetry Write";
    /** Permission group {@value}. */
    public static final String WORKERS_OBSERVABILITY_WRITE = "Workers Observability Write";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_DATA_CATALOG_READ = "Workers R2 Data Catalog Read";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_DATA_CATALOG_WRITE = "Workers R2 Data Catalog Write";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_SQL_READ = "Workers R2 SQL Read";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_STORAGE_BUCKET_ITEM_READ = "Workers R2 Storage Bucket Item Read";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_STORAGE_BUCKET_ITEM_WRITE = "Workers R2 Storage Bucket Item Write";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_STORAGE_READ = "Workers R2 Storage Read";
    /** Permission group {@value}. */
    public static final String WORKERS_R2_STORAGE_WRITE = "Workers R2 Storage Write";
    /** Permission group {@value}. */
    public static final String WORKERS_ROUTES_READ = "Workers Routes Read";
    /** Permission group {@value}. */
    public static final String WORKERS_ROUTES_WRITE = "Workers Routes Write";
    /** Permission group {@value}. */
    public static final String WORKERS_SCRIPTS_READ = "Workers Scripts Read";
    /** Permission group {@value}. */
    public static final String WORKERS_SCRIPTS_WRITE = "Workers Scripts Write";
    /** Permission group {@value}. */
    public static final String WORKERS_TAIL_READ = "Workers Tail Read";
    /** Permission group {@value}. */
    public static final String ZARAZ_ADMIN = "Zaraz Admin";
    /** Permission group {@value}. */
    public static final String ZARAZ_EDIT = "Zaraz Edit";
    /** Permission group {@value}. */
    public static final String ZARAZ_READ = "Zaraz Read";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_PII_READ = "Zero Trust: PII Read";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_READ = "Zero Trust Read";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_REPORT = "Zero Trust Report";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_RESILIENCE_READ = "Zero Trust Resilience Read";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_RESILIENCE_WRITE = "Zero Trust Resilience Write";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_SEATS_WRITE = "Zero Trust: Seats Write";
    /** Permission group {@value}. */
    public static final String ZERO_TRUST_WRITE = "Zero Trust Write";
    /** Permission group {@value}. */
    public static final String ZONE_DNS_SETTINGS_READ = "Zone DNS Settings Read";
    /** Permission group {@value}. */
    public static final String ZONE_DNS_SETTINGS_WRITE = "Zone DNS Settings Write";
    /** Permission group {@value}. */
    public static final String ZONE_READ = "Zone Read";
    /** Permission group {@value}. */
    public static final String ZONE_SETTINGS_READ = "Zone Settings Read";
    /** Permission group {@value}. */
    public static final String ZONE_SETTINGS_WRITE = "Zone Settings Write";
    /** Permission group {@value}. */
    public static final String ZONE_TRANSFORM_RULES_READ = "Zone Transform Rules Read";
    /** Permission group {@value}. */
    public static final String ZONE_TRANSFORM_RULES_WRITE = "Zone Transform Rules Write";
    /** Permission group {@value}. */
    public static final String ZONE_VERSIONING_READ = "Zone Versioning Read";
    /** Permission group {@value}. */
    public static final String ZONE_VERSIONING_WRITE = "Zone Versioning Write";
    /** Permission group {@value}. */
    public static final String ZONE_WAF_READ = "Zone WAF Read";
    /** Permission group {@value}. */
    public static final String ZONE_WAF_WRITE = "Zone WAF Write";
    /** Permission group {@value}. */
    public static final String ZONE_WRITE = "Zone Write";

    private PermissionGroups() {}
}
