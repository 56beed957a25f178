export const id = 446;
export const ids = [446];
export const modules = {

/***/ 9390:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j$P: () => (/* binding */ _InstanceType)
/* harmony export */ });
/* unused harmony exports AcceleratorManufacturer, AcceleratorName, AcceleratorType, ResourceType, AddressTransferStatus, TransitGatewayAttachmentStatusType, TransitGatewayAttachmentResourceType, TransitGatewayMulitcastDomainAssociationState, DynamicRoutingValue, TransitGatewayAttachmentState, ApplianceModeSupportValue, DnsSupportValue, Ipv6SupportValue, SecurityGroupReferencingSupportValue, VpcPeeringConnectionStateReasonCode, Protocol, AccountAttributeName, VpcEncryptionControlExclusionState, ManagedBy, AccountVpcEncryptionControlMode, AccountVpcEncryptionControlState, InstanceHealthStatus, VpnTunnelProvisioningStatus, ActivityStatus, PrincipalType, DomainType, ServiceManaged, AddressAttributeName, AddressFamily, AsnAssociationState, ByoipCidrState, Affinity, AggregationStatusEnum, AutoPlacement, AmdSevSnp, HostMaintenance, HostRecovery, IpamPoolAllocationResourceType, AllocationState, AllocationStrategy, AllocationType, AllowedImagesSettingsDisabledState, AllowedImagesSettingsEnabledState, AllowsMultipleInstanceTypes, NatGatewayAddressStatus, AssociationStatusCode, IamInstanceProfileAssociationState, InstanceEventWindowState, WeekDay, IpamAssociatedResourceDiscoveryStatus, IpamResourceDiscoveryAssociationState, FlexCostAllocationNetworkResourceScopeType, FlexCostAllocationAssociationMode, RouteServerAssociationState, RouteTableAssociationStateCode, SecurityGroupVpcAssociationState, IpSource, Ipv6AddressAttribute, SubnetCidrBlockStateCode, TransitGatewayAssociationState, InterfaceProtocolType, VpcCidrBlockStateCode, DeviceTrustProviderType, TrustProviderType, UserTrustProviderType, VolumeAttachmentState, AttachmentStatus, ClientVpnAuthorizationRuleStatusCode, IpamRoutingPolicyRegistrationDeltaState, BundleTaskState, ApplyCancellationCharges, CapacityReservationFleetState, ListingState, CurrencyCodeValues, ListingStatus, BatchState, CancelBatchErrorCode, CancelSpotInstanceRequestState, VolumeType, SSEType, VolumeState, IpScopeEnum, IpVersionEnum, NetworkProtocolEnum, OutputFormat, Schedule, CapacityReservationDeliveryPreference, EndDateType, InstanceMatchCriteria, CapacityReservationInstancePlatform, CapacityReservationTenancy, CapacityReservationAdjustmentStatus, InterruptionType, InterruptibleCapacityReservationAllocationStatus, ZeroSizePreference, CapacityReservationLaunchStatus, CapacityReservationType, CapacityReservationState, CapacityReservationCancellationQuoteState, CapacityReservationModificationQuoteState, FleetInstanceMatchCriteria, BareMetal, BurstablePerformance, CpuManufacturer, InstanceGeneration, LocalStorage, LocalStorageType, FleetCapacityReservationTenancy, CarrierGatewayState, ClientVpnAuthenticationType, ClientVpnDeviceTrustProviderType, EndpointIpAddressType, SelfServicePortal, TrafficIpAddressType, TransportProtocol, ClientVpnEndpointStatusCode, ClientVpnRouteStatusCode, GatewayType, BlockPublicAccessMode, HostnameType, SubnetState, VpcEncryptionControlMode, VpcEncryptionControlState, Tenancy, VpcState, MacSystemIntegrityProtectionSettingStatus, MacModificationTaskState, MacModificationTaskType, FleetExcessCapacityTerminationPolicy, FleetInstanceMetadataEndpointState, FleetHttpTokensState, FleetOnDemandAllocationStrategy, FleetCapacityReservationUsageStrategy, ReservedCapacityAllocationStrategy, FleetReservationType, ReservedCapacityFallbackMarketType, SpotAllocationStrategy, SpotInstanceInterruptionBehavior, FleetReplacementStrategy, DefaultTargetCapacityType, TargetCapacityUnitType, FleetType, InstanceLifecycle, PlatformValues, DestinationFileFormat, LogDestinationType, FlowLogsResourceType, TaggableResourceType, TrafficType, BootModeOverrideValues, SnapshotLocationEnum, IpAddressType, Ec2InstanceConnectEndpointState, ContainerFormat, DiskImageFormat, ExportEnvironment, ExportTaskState, IpamMeteredAccount, IpamTier, IpamState, IpamExternalResourceVerificationTokenState, TokenState, Rir, IpamInternetRegistryAssociationState, IpamPolicyState, IpamPoolAwsService, IpamPoolPublicIpSource, IpamPoolSourceResourceType, IpamScopeType, IpamPoolState, IpamPrefixListResolverRuleConditionOperation, IpamResourceType, IpamPrefixListResolverRuleType, IpamPrefixListResolverVersionCreationStatus, IpamPrefixListResolverState, IpamPrefixListResolverTargetState, IpamResourceDiscoveryState, IpamScopeExternalAuthorityType, IpamScopeState, KeyFormat, KeyType, CapacityReservationPreference, AmdSevSnpSpecification, NestedVirtualizationSpecification, ShutdownBehavior, MarketType, InstanceInterruptionBehavior, SpotInstanceType, LaunchTemplateAutoRecoveryState, LaunchTemplateInstanceMetadataEndpointState, LaunchTemplateInstanceMetadataProtocolIpv6, LaunchTemplateHttpTokensState, LaunchTemplateInstanceMetadataTagsState, InstanceBandwidthWeighting, SecondaryInterfaceType, LaunchTemplateInstanceMetadataOptionsState, LocalGatewayRouteState, LocalGatewayRouteType, LocalGatewayRouteTableMode, LocalGatewayVirtualInterfaceConfigurationState, LocalGatewayVirtualInterfaceGroupConfigurationState, PrefixListState, AvailabilityMode, ConnectivityType, NatGatewayApplianceState, NatGatewayApplianceModifyState, NatGatewayApplianceType, AutoProvisionZonesState, AutoScalingIpsState, NatGatewayState, RuleAction, FlexCostAllocationCostDimension, FlexCostAllocationReportingGranularity, FlexCostAllocationNetworkResourceType, NetworkInterfaceCreationType, NetworkInterfaceType, NetworkInterfaceStatus, InterfacePermissionType, NetworkInterfacePermissionStateCode, SpreadLevel, PlacementStrategy, PlacementGroupState, ReplaceRootVolumeTaskState, RouteServerPersistRoutesAction, RouteServerPersistRoutesState, RouteServerState, RouteServerEndpointState, RouteServerPeerLivenessMode, RouteServerBfdState, RouteServerBgpState, RouteServerPeerState, RouteOrigin, RouteState, SecondaryNetworkType, SecondaryNetworkCidrBlockAssociationState, SecondaryNetworkState, SecondarySubnetCidrBlockAssociationState, SecondarySubnetState, SnapshotState, StorageTier, TransferType, CopyTagsFromSource, DatafeedSubscriptionState, SubnetCidrReservationType, TrafficMirrorRuleAction, TrafficDirection, TrafficMirrorNetworkService, TrafficMirrorTargetType, AutoAcceptSharedAttachmentsValue, DefaultRouteTableAssociationValue, DefaultRouteTablePropagationValue, MulticastSupportValue, VpnEcmpSupportValue, EncryptionStateValue, TransitGatewayState, ProtocolValue, BgpStatus, TransitGatewayConnectPeerState, TransitGatewayMeteringPolicyState, TransitGatewayMeteringPayerType, TransitGatewayMeteringPolicyEntryState, AutoAcceptSharedAssociationsValue, Igmpv2SupportValue, StaticSourcesSupportValue, TransitGatewayMulticastDomainState, TransitGatewayPolicyTableState, TransitGatewayPolicyTableEntryState, TransitGatewayPrefixListReferenceState, TransitGatewayRouteState, TransitGatewayRouteType, TransitGatewayRouteTableState, TransitGatewayRouteTableAnnouncementDirection, TransitGatewayRouteTableAnnouncementState, VerifiedAccessEndpointAttachmentType, VerifiedAccessEndpointProtocol, VerifiedAccessEndpointType, VerifiedAccessEndpointStatusCode, VpcEncryptionControlExclusionStateInput, InternetGatewayExclusionMode, VpcBlockPublicAccessExclusionState, DnsRecordIpType, VpcEndpointType, PayerResponsibilityType, PayerResponsibilityScope, State, ConnectionNotificationState, ConnectionNotificationType, PayerResponsibility, DnsNameState, ServiceState, ServiceType, ServiceConnectivityType, VpnConcentratorType, VpnTunnelBandwidth, TunnelInsideIpVersion, GatewayAssociationState, VpnStaticRouteSource, VpnState, TelemetryStatus, ClientVpnAuthorizationPolicyStatus, FleetStateCode, DeleteFleetErrorCode, LaunchTemplateErrorCode, DeleteQueuedReservedInstancesErrorCode, AsnState, IpamPoolCidrFailureCode, IpamPoolCidrState, SnapshotReturnCodes, ApplicationStatusCheckEnum, ApplicationStatusEnum, AssociationTypeEnum, AvailabilityZoneOptInStatus, AvailabilityZoneState, MetricType, PeriodType, StatisticType, CapacityBlockExtensionStatus, CapacityBlockResourceState, CapacityBlockInterconnectStatus, CapacityManagerDataExportStatus, CallerRole, CapacityReservationBillingRequestStatus, ClientVpnConnectionStatusCode, AssociatedNetworkType, ClientVpnEndpointAttributeStatusCode, VpnProtocol, ConversionTaskState, ReportState, ElasticGpuStatus, ElasticGpuState, FastLaunchResourceType, FastLaunchStateCode, FastSnapshotRestoreStateCode, FleetEventType, FleetActivityStatus, FpgaImageAttributeName, PermissionGroup, ProductCodeValues, FpgaImageStateCode, PaymentOption, ReservationState, ImageAttributeName, ImageReferenceResourceType, ImageReferenceOptionName, ArchitectureValues, BootModeValues, HypervisorType, ImageTypeValues, ImdsSupportValues, DeviceType, SeverityLabel, ImageState, TpmSupportValues, VirtualizationType, InstanceAttributeName, InstanceStateName, InstanceBootModeValues, InstanceLifecycleType, InstanceAutoRecoveryState, InstanceRebootMigrationState, InstanceMetadataEndpointState, InstanceMetadataProtocolState, HttpTokensState, InstanceMetadataTagsState, InstanceMetadataOptionsState, MonitoringState, SecondaryInterfaceStatus, HaStatus, SqlServerLicenseUsage, SummaryStatus, StatusName, StatusType, EventCode, LocationType, AttachmentLimitType, EbsOptimizedSupport, EbsEncryptionSupport, EbsNvmeSupport, InstanceTypeHypervisor, DiskType, InstanceStorageEncryptionSupport, EphemeralNvmeSupport, BandwidthWeightingType, EnaSupport, FlexibleEnaQueuesSupport, NetworkCardInterfaceType, NitroEnclavesSupport, NitroTpmSupport, PhcSupport, PlacementGroupStrategy, ArchitectureType, SupportedAdditionalProcessorFeature, RebootMigrationSupport, BootModeType, RootDeviceType, UsageClassType, LockState, MoveStatus, FindingsFound, AnalysisStatus, NetworkInterfaceAttribute, OfferingClassType, OfferingTypeValues, RIProductDescription, RecurringChargeFrequency, Scope, ReservedInstanceState, ServiceLinkVirtualInterfaceConfigurationState, SnapshotAttributeName, TieringOperationStatus, EventType, ExcessCapacityTerminationPolicy, OnDemandAllocationStrategy, ReplacementStrategy, SpotInstanceState, TransitGatewayAttachmentNatGatewaySupportState, VerifiedAccessLogDeliveryStatusCode, VolumeAttributeName, VolumeModificationState, InitializationType, VolumeStatusName, VolumeStatusInfoStatus, VpcAttributeName, VpcBlockPublicAccessExclusionsAllowed, InternetGatewayBlockMode, VpcBlockPublicAccessState, CapacityManagerStatus, ImageBlockPublicAccessDisabledState, RouteServerPropagationState, SnapshotBlockPublicAccessState, TransitGatewayPropagationState, ImageBlockPublicAccessEnabledState, ClientCertificateRevocationListStatusCode, IngestionStatus, Comparison, FilterByDimension, GroupBy, Metric, ReservationEndDateType, ReservationType, CapacityTenancy, CapacityManagerMonitoredTagKeyStatus, CapacityUnit, SupportabilityMarketType, SupportabilityScore, ClientVpnAuthorizationPolicyShadowMode, UnlimitedSupportedInstanceFamily, IpamPolicyManagedBy, PartitionLoadFrequency, HttpTokensEnforcedState, EkPubKeyFormat, EkPubKeyType, IpamComplianceStatus, IpamOverlapStatus, IpamAddressHistoryResourceType, IpamDiscoveryFailureCode, IpamPublicAddressType, IpamPublicAddressAssociationStatus, IpamPublicAddressAwsService, IpamResourceCidrIpSource, IpamNetworkInterfaceAttachmentStatus, IpamByoipAdvertisementType, IpamByoipCidrState, IpamPolicyResourceType, IpamManagementState, IpamRpkiStatus, IpamRpkiStrength, ChronologicalOrder, IpamRoutingPolicyRegistrationState, ManagedResourceDefaultVisibility, RouteServerRouteInstallationStatus, RouteServerRouteStatus, TransitGatewayNatRuleState, TransitGatewayAttachmentNatSystemRouteSupportValue, LockMode, ModifyAvailabilityZoneOptInStatus, OperationType, UnsuccessfulInstanceCreditSpecificationErrorCode, DefaultInstanceMetadataEndpointState, MetadataDefaultHttpTokensState, DefaultHttpTokensEnforcedState, DefaultInstanceMetadataTagsState, HostTenancy, PublicIpDnsOption, TargetStorageTier, TrafficMirrorFilterRuleField, TrafficMirrorSessionField, EncryptionSupportOptionValue, TransitGatewayAttachmentNatGatewaySupportValue, VpcTenancy, Status, VerificationMethod, ReportInstanceReasonCodes, ReportStatusType, ResetFpgaImageAttributeName, ResetImageAttributeName, MembershipType */
const AcceleratorManufacturer = {
    AMAZON_WEB_SERVICES: "amazon-web-services",
    AMD: "amd",
    HABANA: "habana",
    NVIDIA: "nvidia",
    XILINX: "xilinx",
};
const AcceleratorName = {
    A100: "a100",
    A10G: "a10g",
    GAUDI_HL_205: "gaudi-hl-205",
    H100: "h100",
    INFERENTIA: "inferentia",
    INFERENTIA2: "inferentia2",
    K520: "k520",
    K80: "k80",
    L4: "l4",
    L40S: "l40s",
    M60: "m60",
    RADEON_PRO_V520: "radeon-pro-v520",
    T4: "t4",
    T4G: "t4g",
    TRAINIUM: "trainium",
    TRAINIUM2: "trainium2",
    U30: "u30",
    V100: "v100",
    VU9P: "vu9p",
};
const AcceleratorType = {
    FPGA: "fpga",
    GPU: "gpu",
    INFERENCE: "inference",
    MEDIA: "media",
};
const ResourceType = {
    application_status_check: "application-status-check",
    capacity_block: "capacity-block",
    capacity_manager_data_export: "capacity-manager-data-export",
    capacity_reservation: "capacity-reservation",
    capacity_reservation_cancellation_quote: "capacity-reservation-cancellation-quote",
    capacity_reservation_fleet: "capacity-reservation-fleet",
    capacity_reservation_modification_quote: "capacity-reservation-modification-quote",
    carrier_gateway: "carrier-gateway",
    client_vpn_endpoint: "client-vpn-endpoint",
    coip_pool: "coip-pool",
    customer_gateway: "customer-gateway",
    declarative_policies_report: "declarative-policies-report",
    dedicated_host: "dedicated-host",
    dhcp_options: "dhcp-options",
    egress_only_internet_gateway: "egress-only-internet-gateway",
    elastic_gpu: "elastic-gpu",
    elastic_ip: "elastic-ip",
    export_image_task: "export-image-task",
    export_instance_task: "export-instance-task",
    fca_policy: "fca-policy",
    fleet: "fleet",
    fpga_image: "fpga-image",
    host_reservation: "host-reservation",
    image: "image",
    image_usage_report: "image-usage-report",
    import_image_task: "import-image-task",
    import_snapshot_task: "import-snapshot-task",
    instance: "instance",
    instance_connect_endpoint: "instance-connect-endpoint",
    instance_event_window: "instance-event-window",
    internet_gateway: "internet-gateway",
    ipam: "ipam",
    ipam_external_resource_verification_token: "ipam-external-resource-verification-token",
    ipam_internet_registry_association: "ipam-internet-registry-association",
    ipam_policy: "ipam-policy",
    ipam_pool: "ipam-pool",
    ipam_pool_allocation: "ipam-pool-allocation",
    ipam_prefix_list_resolver: "ipam-prefix-list-resolver",
    ipam_prefix_list_resolver_target: "ipam-prefix-list-resolver-target",
    ipam_resource_discovery: "ipam-resource-discovery",
    ipam_resource_discovery_association: "ipam-resource-discovery-association",
    ipam_scope: "ipam-scope",
    ipv4pool_ec2: "ipv4pool-ec2",
    ipv6pool_ec2: "ipv6pool-ec2",
    key_pair: "key-pair",
    launch_template: "launch-template",
    local_gateway: "local-gateway",
    local_gateway_route_table: "local-gateway-route-table",
    local_gateway_route_table_virtual_interface_group_association: "local-gateway-route-table-virtual-interface-group-association",
    local_gateway_route_table_vpc_association: "local-gateway-route-table-vpc-association",
    local_gateway_virtual_interface: "local-gateway-virtual-interface",
    local_gateway_virtual_interface_group: "local-gateway-virtual-interface-group",
    mac_modification_task: "mac-modification-task",
    metric_category: "metric-category",
    natgateway: "natgateway",
    network_acl: "network-acl",
    network_insights_access_scope: "network-insights-access-scope",
    network_insights_access_scope_analysis: "network-insights-access-scope-analysis",
    network_insights_analysis: "network-insights-analysis",
    network_insights_path: "network-insights-path",
    network_interface: "network-interface",
    outpost_lag: "outpost-lag",
    placement_group: "placement-group",
    prefix_list: "prefix-list",
    replace_root_volume_task: "replace-root-volume-task",
    reserved_instances: "reserved-instances",
    route_server: "route-server",
    route_server_endpoint: "route-server-endpoint",
    route_server_peer: "route-server-peer",
    route_table: "route-table",
    secondary_interface: "secondary-interface",
    secondary_network: "secondary-network",
    secondary_subnet: "secondary-subnet",
    security_group: "security-group",
    security_group_rule: "security-group-rule",
    service_link_virtual_interface: "service-link-virtual-interface",
    snapshot: "snapshot",
    spot_fleet_request: "spot-fleet-request",
    spot_instances_request: "spot-instances-request",
    subnet: "subnet",
    subnet_cidr_reservation: "subnet-cidr-reservation",
    traffic_mirror_filter: "traffic-mirror-filter",
    traffic_mirror_filter_rule: "traffic-mirror-filter-rule",
    traffic_mirror_session: "traffic-mirror-session",
    traffic_mirror_target: "traffic-mirror-target",
    transit_gateway: "transit-gateway",
    transit_gateway_attachment: "transit-gateway-attachment",
    transit_gateway_connect_peer: "transit-gateway-connect-peer",
    transit_gateway_metering_policy: "transit-gateway-metering-policy",
    transit_gateway_multicast_domain: "transit-gateway-multicast-domain",
    transit_gateway_policy_table: "transit-gateway-policy-table",
    transit_gateway_route_table: "transit-gateway-route-table",
    transit_gateway_route_table_announcement: "transit-gateway-route-table-announcement",
    verified_access_endpoint: "verified-access-endpoint",
    verified_access_endpoint_target: "verified-access-endpoint-target",
    verified_access_group: "verified-access-group",
    verified_access_instance: "verified-access-instance",
    verified_access_policy: "verified-access-policy",
    verified_access_trust_provider: "verified-access-trust-provider",
    volume: "volume",
    vpc: "vpc",
    vpc_block_public_access_exclusion: "vpc-block-public-access-exclusion",
    vpc_encryption_control: "vpc-encryption-control",
    vpc_endpoint: "vpc-endpoint",
    vpc_endpoint_connection: "vpc-endpoint-connection",
    vpc_endpoint_connection_device_type: "vpc-endpoint-connection-device-type",
    vpc_endpoint_service: "vpc-endpoint-service",
    vpc_endpoint_service_permission: "vpc-endpoint-service-permission",
    vpc_flow_log: "vpc-flow-log",
    vpc_peering_connection: "vpc-peering-connection",
    vpn_concentrator: "vpn-concentrator",
    vpn_connection: "vpn-connection",
    vpn_connection_device_type: "vpn-connection-device-type",
    vpn_gateway: "vpn-gateway",
};
const AddressTransferStatus = {
    accepted: "accepted",
    disabled: "disabled",
    pending: "pending",
};
const TransitGatewayAttachmentStatusType = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
    pending_acceptance: "pending-acceptance",
    rejected: "rejected",
};
const TransitGatewayAttachmentResourceType = {
    client_vpn: "client-vpn",
    connect: "connect",
    direct_connect_gateway: "direct-connect-gateway",
    network_function: "network-function",
    peering: "peering",
    tgw_peering: "tgw-peering",
    vpc: "vpc",
    vpn: "vpn",
    vpn_concentrator: "vpn-concentrator",
};
const TransitGatewayMulitcastDomainAssociationState = {
    associated: "associated",
    associating: "associating",
    disassociated: "disassociated",
    disassociating: "disassociating",
    failed: "failed",
    pendingAcceptance: "pendingAcceptance",
    rejected: "rejected",
};
const DynamicRoutingValue = {
    disable: "disable",
    enable: "enable",
};
const TransitGatewayAttachmentState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    failed: "failed",
    failing: "failing",
    initiating: "initiating",
    initiatingRequest: "initiatingRequest",
    modifying: "modifying",
    pending: "pending",
    pendingAcceptance: "pendingAcceptance",
    rejected: "rejected",
    rejecting: "rejecting",
    rollingBack: "rollingBack",
};
const ApplianceModeSupportValue = {
    disable: "disable",
    enable: "enable",
};
const DnsSupportValue = {
    disable: "disable",
    enable: "enable",
};
const Ipv6SupportValue = {
    disable: "disable",
    enable: "enable",
};
const SecurityGroupReferencingSupportValue = {
    disable: "disable",
    enable: "enable",
};
const VpcPeeringConnectionStateReasonCode = {
    active: "active",
    deleted: "deleted",
    deleting: "deleting",
    expired: "expired",
    failed: "failed",
    initiating_request: "initiating-request",
    pending_acceptance: "pending-acceptance",
    provisioning: "provisioning",
    rejected: "rejected",
};
const Protocol = {
    tcp: "tcp",
    udp: "udp",
};
const AccountAttributeName = {
    default_vpc: "default-vpc",
    supported_platforms: "supported-platforms",
};
const VpcEncryptionControlExclusionState = {
    disabled: "disabled",
    disabling: "disabling",
    enabled: "enabled",
    enabling: "enabling",
};
const ManagedBy = {
    account: "account",
    declarative_policy: "declarative-policy",
};
const AccountVpcEncryptionControlMode = {
    attempt_enforce: "attempt-enforce",
    attempt_monitor: "attempt-monitor",
    unmanaged: "unmanaged",
};
const AccountVpcEncryptionControlState = {
    default_state: "default-state",
    transitions_failed: "transitions-failed",
    transitions_in_progress: "transitions-in-progress",
    transitions_partially_successful: "transitions-partially-successful",
    transitions_successful: "transitions-successful",
};
const InstanceHealthStatus = {
    HEALTHY_STATUS: "healthy",
    UNHEALTHY_STATUS: "unhealthy",
};
const VpnTunnelProvisioningStatus = {
    available: "available",
    failed: "failed",
    pending: "pending",
};
const ActivityStatus = {
    ERROR: "error",
    FULFILLED: "fulfilled",
    PENDING_FULFILLMENT: "pending_fulfillment",
    PENDING_TERMINATION: "pending_termination",
};
const PrincipalType = {
    Account: "Account",
    All: "All",
    OrganizationUnit: "OrganizationUnit",
    Role: "Role",
    Service: "Service",
    User: "User",
};
const DomainType = {
    standard: "standard",
    vpc: "vpc",
};
const ServiceManaged = {
    alb: "alb",
    nlb: "nlb",
    rds: "rds",
    rnat: "rnat",
};
const AddressAttributeName = {
    domain_name: "domain-name",
};
const AddressFamily = {
    ipv4: "ipv4",
    ipv6: "ipv6",
};
const AsnAssociationState = {
    associated: "associated",
    disassociated: "disassociated",
    failed_association: "failed-association",
    failed_disassociation: "failed-disassociation",
    pending_association: "pending-association",
    pending_disassociation: "pending-disassociation",
};
const ByoipCidrState = {
    advertised: "advertised",
    deprovisioned: "deprovisioned",
    failed_deprovision: "failed-deprovision",
    failed_provision: "failed-provision",
    pending_advertising: "pending-advertising",
    pending_deprovision: "pending-deprovision",
    pending_provision: "pending-provision",
    pending_withdrawal: "pending-withdrawal",
    provisioned: "provisioned",
    provisioned_not_publicly_advertisable: "provisioned-not-publicly-advertisable",
};
const Affinity = {
    default: "default",
    host: "host",
};
const AggregationStatusEnum = {
    EXCLUDED: "excluded",
    INCLUDED: "included",
};
const AutoPlacement = {
    off: "off",
    on: "on",
};
const AmdSevSnp = {
    disabled: "disabled",
    enabled: "enabled",
};
const HostMaintenance = {
    off: "off",
    on: "on",
};
const HostRecovery = {
    off: "off",
    on: "on",
};
const IpamPoolAllocationResourceType = {
    anycast_ip_list: "anycast-ip-list",
    custom: "custom",
    ec2_public_ipv4_pool: "ec2-public-ipv4-pool",
    eip: "eip",
    ipam_pool: "ipam-pool",
    subnet: "subnet",
    vpc: "vpc",
};
const AllocationState = {
    available: "available",
    configuring: "configuring",
    pending: "pending",
    permanent_failure: "permanent-failure",
    released: "released",
    released_permanent_failure: "released-permanent-failure",
    under_assessment: "under-assessment",
};
const AllocationStrategy = {
    CAPACITY_OPTIMIZED: "capacityOptimized",
    CAPACITY_OPTIMIZED_PRIORITIZED: "capacityOptimizedPrioritized",
    DIVERSIFIED: "diversified",
    LOWEST_PRICE: "lowestPrice",
    PRICE_CAPACITY_OPTIMIZED: "priceCapacityOptimized",
};
const AllocationType = {
    cancelling: "cancelling",
    future: "future",
    used: "used",
};
const AllowedImagesSettingsDisabledState = {
    disabled: "disabled",
};
const AllowedImagesSettingsEnabledState = {
    audit_mode: "audit-mode",
    enabled: "enabled",
};
const AllowsMultipleInstanceTypes = {
    off: "off",
    on: "on",
};
const NatGatewayAddressStatus = {
    ASSIGNING: "assigning",
    ASSOCIATING: "associating",
    DISASSOCIATING: "disassociating",
    FAILED: "failed",
    SUCCEEDED: "succeeded",
    UNASSIGNING: "unassigning",
};
const AssociationStatusCode = {
    associated: "associated",
    associating: "associating",
    association_failed: "association-failed",
    disassociated: "disassociated",
    disassociating: "disassociating",
};
const IamInstanceProfileAssociationState = {
    ASSOCIATED: "associated",
    ASSOCIATING: "associating",
    DISASSOCIATED: "disassociated",
    DISASSOCIATING: "disassociating",
};
const InstanceEventWindowState = {
    active: "active",
    creating: "creating",
    deleted: "deleted",
    deleting: "deleting",
};
const WeekDay = {
    friday: "friday",
    monday: "monday",
    saturday: "saturday",
    sunday: "sunday",
    thursday: "thursday",
    tuesday: "tuesday",
    wednesday: "wednesday",
};
const IpamAssociatedResourceDiscoveryStatus = {
    ACTIVE: "active",
    NOT_FOUND: "not-found",
};
const IpamResourceDiscoveryAssociationState = {
    ASSOCIATE_COMPLETE: "associate-complete",
    ASSOCIATE_FAILED: "associate-failed",
    ASSOCIATE_IN_PROGRESS: "associate-in-progress",
    DISASSOCIATE_COMPLETE: "disassociate-complete",
    DISASSOCIATE_FAILED: "disassociate-failed",
    DISASSOCIATE_IN_PROGRESS: "disassociate-in-progress",
    ISOLATE_COMPLETE: "isolate-complete",
    ISOLATE_IN_PROGRESS: "isolate-in-progress",
    RESTORE_IN_PROGRESS: "restore-in-progress",
};
const FlexCostAllocationNetworkResourceScopeType = {
    ACCOUNT: "account",
    SUBNET: "subnet",
    VPC: "vpc",
};
const FlexCostAllocationAssociationMode = {
    DIRECT: "direct",
    SCOPE: "scope",
};
const RouteServerAssociationState = {
    ASSOCIATED: "associated",
    ASSOCIATING: "associating",
    DISASSOCIATING: "disassociating",
};
const RouteTableAssociationStateCode = {
    associated: "associated",
    associating: "associating",
    disassociated: "disassociated",
    disassociating: "disassociating",
    failed: "failed",
};
const SecurityGroupVpcAssociationState = {
    associated: "associated",
    associating: "associating",
    association_failed: "association-failed",
    disassociated: "disassociated",
    disassociating: "disassociating",
    disassociation_failed: "disassociation-failed",
};
const IpSource = {
    amazon: "amazon",
    byoip: "byoip",
    none: "none",
};
const Ipv6AddressAttribute = {
    private: "private",
    public: "public",
};
const SubnetCidrBlockStateCode = {
    associated: "associated",
    associating: "associating",
    disassociated: "disassociated",
    disassociating: "disassociating",
    failed: "failed",
    failing: "failing",
};
const TransitGatewayAssociationState = {
    associated: "associated",
    associating: "associating",
    disassociated: "disassociated",
    disassociating: "disassociating",
};
const InterfaceProtocolType = {
    GRE: "GRE",
    VLAN: "VLAN",
};
const VpcCidrBlockStateCode = {
    associated: "associated",
    associating: "associating",
    disassociated: "disassociated",
    disassociating: "disassociating",
    failed: "failed",
    failing: "failing",
};
const DeviceTrustProviderType = {
    crowdstrike: "crowdstrike",
    jamf: "jamf",
    jumpcloud: "jumpcloud",
};
const TrustProviderType = {
    device: "device",
    user: "user",
};
const UserTrustProviderType = {
    iam_identity_center: "iam-identity-center",
    oidc: "oidc",
};
const VolumeAttachmentState = {
    attached: "attached",
    attaching: "attaching",
    busy: "busy",
    detached: "detached",
    detaching: "detaching",
};
const AttachmentStatus = {
    attached: "attached",
    attaching: "attaching",
    detached: "detached",
    detaching: "detaching",
};
const ClientVpnAuthorizationRuleStatusCode = {
    active: "active",
    authorizing: "authorizing",
    failed: "failed",
    revoking: "revoking",
};
const IpamRoutingPolicyRegistrationDeltaState = {
    failed: "failed",
    pending: "pending",
    published: "published",
};
const BundleTaskState = {
    bundling: "bundling",
    cancelling: "cancelling",
    complete: "complete",
    failed: "failed",
    pending: "pending",
    storing: "storing",
    waiting_for_shutdown: "waiting-for-shutdown",
};
const ApplyCancellationCharges = {
    COMMITMENT_WIND_DOWN: "commitment-wind-down",
};
const CapacityReservationFleetState = {
    ACTIVE: "active",
    CANCELLED: "cancelled",
    CANCELLING: "cancelling",
    EXPIRED: "expired",
    EXPIRING: "expiring",
    FAILED: "failed",
    MODIFYING: "modifying",
    PARTIALLY_FULFILLED: "partially_fulfilled",
    SUBMITTED: "submitted",
};
const ListingState = {
    available: "available",
    cancelled: "cancelled",
    pending: "pending",
    sold: "sold",
};
const CurrencyCodeValues = {
    USD: "USD",
};
const ListingStatus = {
    active: "active",
    cancelled: "cancelled",
    closed: "closed",
    pending: "pending",
};
const BatchState = {
    ACTIVE: "active",
    CANCELLED: "cancelled",
    CANCELLED_RUNNING: "cancelled_running",
    CANCELLED_TERMINATING_INSTANCES: "cancelled_terminating",
    FAILED: "failed",
    MODIFYING: "modifying",
    SUBMITTED: "submitted",
};
const CancelBatchErrorCode = {
    FLEET_REQUEST_ID_DOES_NOT_EXIST: "fleetRequestIdDoesNotExist",
    FLEET_REQUEST_ID_MALFORMED: "fleetRequestIdMalformed",
    FLEET_REQUEST_NOT_IN_CANCELLABLE_STATE: "fleetRequestNotInCancellableState",
    UNEXPECTED_ERROR: "unexpectedError",
};
const CancelSpotInstanceRequestState = {
    active: "active",
    cancelled: "cancelled",
    closed: "closed",
    completed: "completed",
    open: "open",
};
const VolumeType = {
    gp2: "gp2",
    gp3: "gp3",
    io1: "io1",
    io2: "io2",
    sc1: "sc1",
    st1: "st1",
    standard: "standard",
};
const SSEType = {
    none: "none",
    sse_ebs: "sse-ebs",
    sse_kms: "sse-kms",
};
const VolumeState = {
    available: "available",
    creating: "creating",
    deleted: "deleted",
    deleting: "deleting",
    error: "error",
    in_use: "in-use",
};
const IpScopeEnum = {
    PRIVATE: "private",
};
const IpVersionEnum = {
    IPV4: "ipv4",
    IPV6: "ipv6",
};
const NetworkProtocolEnum = {
    HTTP: "http",
    HTTPS: "https",
};
const OutputFormat = {
    CSV: "csv",
    PARQUET: "parquet",
};
const Schedule = {
    HOURLY: "hourly",
};
const CapacityReservationDeliveryPreference = {
    FIXED: "fixed",
    INCREMENTAL: "incremental",
};
const EndDateType = {
    limited: "limited",
    unlimited: "unlimited",
};
const InstanceMatchCriteria = {
    open: "open",
    targeted: "targeted",
};
const CapacityReservationInstancePlatform = {
    LINUX_UNIX: "Linux/UNIX",
    LINUX_WITH_SQL_SERVER_ENTERPRISE: "Linux with SQL Server Enterprise",
    LINUX_WITH_SQL_SERVER_STANDARD: "Linux with SQL Server Standard",
    LINUX_WITH_SQL_SERVER_WEB: "Linux with SQL Server Web",
    RED_HAT_ENTERPRISE_LINUX: "Red Hat Enterprise Linux",
    RHEL_WITH_HA: "RHEL with HA",
    RHEL_WITH_HA_AND_SQL_SERVER_ENTERPRISE: "RHEL with HA and SQL Server Enterprise",
    RHEL_WITH_HA_AND_SQL_SERVER_STANDARD: "RHEL with HA and SQL Server Standard",
    RHEL_WITH_SQL_SERVER_ENTERPRISE: "RHEL with SQL Server Enterprise",
    RHEL_WITH_SQL_SERVER_STANDARD: "RHEL with SQL Server Standard",
    RHEL_WITH_SQL_SERVER_WEB: "RHEL with SQL Server Web",
    SUSE_LINUX: "SUSE Linux",
    UBUNTU_PRO_LINUX: "Ubuntu Pro",
    WINDOWS: "Windows",
    WINDOWS_WITH_SQL_SERVER: "Windows with SQL Server",
    WINDOWS_WITH_SQL_SERVER_ENTERPRISE: "Windows with SQL Server Enterprise",
    WINDOWS_WITH_SQL_SERVER_STANDARD: "Windows with SQL Server Standard",
    WINDOWS_WITH_SQL_SERVER_WEB: "Windows with SQL Server Web",
};
const CapacityReservationTenancy = {
    dedicated: "dedicated",
    default: "default",
};
const CapacityReservationAdjustmentStatus = {
    applied: "applied",
    rejected: "rejected",
    requested: "requested",
};
const InterruptionType = {
    adhoc: "adhoc",
};
const InterruptibleCapacityReservationAllocationStatus = {
    active: "active",
    canceled: "canceled",
    canceling: "canceling",
    failed: "failed",
    pending: "pending",
    updating: "updating",
};
const ZeroSizePreference = {
    default: "default",
    retain: "retain",
};
const CapacityReservationLaunchStatus = {
    LAUNCHABLE: "launchable",
    UNLAUNCHABLE: "unlaunchable",
};
const CapacityReservationType = {
    CAPACITY_BLOCK: "capacity-block",
    DEFAULT: "default",
};
const CapacityReservationState = {
    active: "active",
    assessing: "assessing",
    cancelled: "cancelled",
    cancelling: "cancelling",
    delayed: "delayed",
    expired: "expired",
    failed: "failed",
    payment_failed: "payment-failed",
    payment_pending: "payment-pending",
    pending: "pending",
    scheduled: "scheduled",
    unavailable: "unavailable",
    unsupported: "unsupported",
};
const CapacityReservationCancellationQuoteState = {
    active: "active",
    expired: "expired",
    pending: "pending",
};
const CapacityReservationModificationQuoteState = {
    active: "active",
    expired: "expired",
};
const FleetInstanceMatchCriteria = {
    open: "open",
};
const BareMetal = {
    EXCLUDED: "excluded",
    INCLUDED: "included",
    REQUIRED: "required",
};
const BurstablePerformance = {
    EXCLUDED: "excluded",
    INCLUDED: "included",
    REQUIRED: "required",
};
const CpuManufacturer = {
    AMAZON_WEB_SERVICES: "amazon-web-services",
    AMD: "amd",
    APPLE: "apple",
    INTEL: "intel",
};
const InstanceGeneration = {
    CURRENT: "current",
    PREVIOUS: "previous",
};
const LocalStorage = {
    EXCLUDED: "excluded",
    INCLUDED: "included",
    REQUIRED: "required",
};
const LocalStorageType = {
    HDD: "hdd",
    SSD: "ssd",
};
const _InstanceType = {
    a1_2xlarge: "a1.2xlarge",
    a1_4xlarge: "a1.4xlarge",
    a1_large: "a1.large",
    a1_medium: "a1.medium",
    a1_metal: "a1.metal",
    a1_xlarge: "a1.xlarge",
    c1_medium: "c1.medium",
    c1_xlarge: "c1.xlarge",
    c3_2xlarge: "c3.2xlarge",
    c3_4xlarge: "c3.4xlarge",
    c3_8xlarge: "c3.8xlarge",
    c3_large: "c3.large",
    c3_xlarge: "c3.xlarge",
    c4_2xlarge: "c4.2xlarge",
    c4_4xlarge: "c4.4xlarge",
    c4_8xlarge: "c4.8xlarge",
    c4_large: "c4.large",
    c4_xlarge: "c4.xlarge",
    c5_12xlarge: "c5.12xlarge",
    c5_18xlarge: "c5.18xlarge",
    c5_24xlarge: "c5.24xlarge",
    c5_2xlarge: "c5.2xlarge",
    c5_4xlarge: "c5.4xlarge",
    c5_9xlarge: "c5.9xlarge",
    c5_large: "c5.large",
    c5_metal: "c5.metal",
    c5_xlarge: "c5.xlarge",
    c5a_12xlarge: "c5a.12xlarge",
    c5a_16xlarge: "c5a.16xlarge",
    c5a_24xlarge: "c5a.24xlarge",
    c5a_2xlarge: "c5a.2xlarge",
    c5a_4xlarge: "c5a.4xlarge",
    c5a_8xlarge: "c5a.8xlarge",
    c5a_large: "c5a.large",
    c5a_xlarge: "c5a.xlarge",
    c5ad_12xlarge: "c5ad.12xlarge",
    c5ad_16xlarge: "c5ad.16xlarge",
    c5ad_24xlarge: "c5ad.24xlarge",
    c5ad_2xlarge: "c5ad.2xlarge",
    c5ad_4xlarge: "c5ad.4xlarge",
    c5ad_8xlarge: "c5ad.8xlarge",
    c5ad_large: "c5ad.large",
    c5ad_xlarge: "c5ad.xlarge",
    c5d_12xlarge: "c5d.12xlarge",
    c5d_18xlarge: "c5d.18xlarge",
    c5d_24xlarge: "c5d.24xlarge",
    c5d_2xlarge: "c5d.2xlarge",
    c5d_4xlarge: "c5d.4xlarge",
    c5d_9xlarge: "c5d.9xlarge",
    c5d_large: "c5d.large",
    c5d_metal: "c5d.metal",
    c5d_xlarge: "c5d.xlarge",
    c5n_18xlarge: "c5n.18xlarge",
    c5n_2xlarge: "c5n.2xlarge",
    c5n_4xlarge: "c5n.4xlarge",
    c5n_9xlarge: "c5n.9xlarge",
    c5n_large: "c5n.large",
    c5n_metal: "c5n.metal",
    c5n_xlarge: "c5n.xlarge",
    c6a_12xlarge: "c6a.12xlarge",
    c6a_16xlarge: "c6a.16xlarge",
    c6a_24xlarge: "c6a.24xlarge",
    c6a_2xlarge: "c6a.2xlarge",
    c6a_32xlarge: "c6a.32xlarge",
    c6a_48xlarge: "c6a.48xlarge",
    c6a_4xlarge: "c6a.4xlarge",
    c6a_8xlarge: "c6a.8xlarge",
    c6a_large: "c6a.large",
    c6a_metal: "c6a.metal",
    c6a_xlarge: "c6a.xlarge",
    c6g_12xlarge: "c6g.12xlarge",
    c6g_16xlarge: "c6g.16xlarge",
    c6g_2xlarge: "c6g.2xlarge",
    c6g_4xlarge: "c6g.4xlarge",
    c6g_8xlarge: "c6g.8xlarge",
    c6g_large: "c6g.large",
    c6g_medium: "c6g.medium",
    c6g_metal: "c6g.metal",
    c6g_xlarge: "c6g.xlarge",
    c6gd_12xlarge: "c6gd.12xlarge",
    c6gd_16xlarge: "c6gd.16xlarge",
    c6gd_2xlarge: "c6gd.2xlarge",
    c6gd_4xlarge: "c6gd.4xlarge",
    c6gd_8xlarge: "c6gd.8xlarge",
    c6gd_large: "c6gd.large",
    c6gd_medium: "c6gd.medium",
    c6gd_metal: "c6gd.metal",
    c6gd_xlarge: "c6gd.xlarge",
    c6gn_12xlarge: "c6gn.12xlarge",
    c6gn_16xlarge: "c6gn.16xlarge",
    c6gn_2xlarge: "c6gn.2xlarge",
    c6gn_4xlarge: "c6gn.4xlarge",
    c6gn_8xlarge: "c6gn.8xlarge",
    c6gn_large: "c6gn.large",
    c6gn_medium: "c6gn.medium",
    c6gn_xlarge: "c6gn.xlarge",
    c6i_12xlarge: "c6i.12xlarge",
    c6i_16xlarge: "c6i.16xlarge",
    c6i_24xlarge: "c6i.24xlarge",
    c6i_2xlarge: "c6i.2xlarge",
    c6i_32xlarge: "c6i.32xlarge",
    c6i_4xlarge: "c6i.4xlarge",
    c6i_8xlarge: "c6i.8xlarge",
    c6i_large: "c6i.large",
    c6i_metal: "c6i.metal",
    c6i_xlarge: "c6i.xlarge",
    c6id_12xlarge: "c6id.12xlarge",
    c6id_16xlarge: "c6id.16xlarge",
    c6id_24xlarge: "c6id.24xlarge",
    c6id_2xlarge: "c6id.2xlarge",
    c6id_32xlarge: "c6id.32xlarge",
    c6id_4xlarge: "c6id.4xlarge",
    c6id_8xlarge: "c6id.8xlarge",
    c6id_large: "c6id.large",
    c6id_metal: "c6id.metal",
    c6id_xlarge: "c6id.xlarge",
    c6in_12xlarge: "c6in.12xlarge",
    c6in_16xlarge: "c6in.16xlarge",
    c6in_24xlarge: "c6in.24xlarge",
    c6in_2xlarge: "c6in.2xlarge",
    c6in_32xlarge: "c6in.32xlarge",
    c6in_4xlarge: "c6in.4xlarge",
    c6in_8xlarge: "c6in.8xlarge",
    c6in_large: "c6in.large",
    c6in_metal: "c6in.metal",
    c6in_xlarge: "c6in.xlarge",
    c7a_12xlarge: "c7a.12xlarge",
    c7a_16xlarge: "c7a.16xlarge",
    c7a_24xlarge: "c7a.24xlarge",
    c7a_2xlarge: "c7a.2xlarge",
    c7a_32xlarge: "c7a.32xlarge",
    c7a_48xlarge: "c7a.48xlarge",
    c7a_4xlarge: "c7a.4xlarge",
    c7a_8xlarge: "c7a.8xlarge",
    c7a_large: "c7a.large",
    c7a_medium: "c7a.medium",
    c7a_metal_48xl: "c7a.metal-48xl",
    c7a_xlarge: "c7a.xlarge",
    c7g_12xlarge: "c7g.12xlarge",
    c7g_16xlarge: "c7g.16xlarge",
    c7g_2xlarge: "c7g.2xlarge",
    c7g_4xlarge: "c7g.4xlarge",
    c7g_8xlarge: "c7g.8xlarge",
    c7g_large: "c7g.large",
    c7g_medium: "c7g.medium",
    c7g_metal: "c7g.metal",
    c7g_xlarge: "c7g.xlarge",
    c7gd_12xlarge: "c7gd.12xlarge",
    c7gd_16xlarge: "c7gd.16xlarge",
    c7gd_2xlarge: "c7gd.2xlarge",
    c7gd_4xlarge: "c7gd.4xlarge",
    c7gd_8xlarge: "c7gd.8xlarge",
    c7gd_large: "c7gd.large",
    c7gd_medium: "c7gd.medium",
    c7gd_metal: "c7gd.metal",
    c7gd_xlarge: "c7gd.xlarge",
    c7gn_12xlarge: "c7gn.12xlarge",
    c7gn_16xlarge: "c7gn.16xlarge",
    c7gn_2xlarge: "c7gn.2xlarge",
    c7gn_4xlarge: "c7gn.4xlarge",
    c7gn_8xlarge: "c7gn.8xlarge",
    c7gn_large: "c7gn.large",
    c7gn_medium: "c7gn.medium",
    c7gn_metal: "c7gn.metal",
    c7gn_xlarge: "c7gn.xlarge",
    c7i_12xlarge: "c7i.12xlarge",
    c7i_16xlarge: "c7i.16xlarge",
    c7i_24xlarge: "c7i.24xlarge",
    c7i_2xlarge: "c7i.2xlarge",
    c7i_48xlarge: "c7i.48xlarge",
    c7i_4xlarge: "c7i.4xlarge",
    c7i_8xlarge: "c7i.8xlarge",
    c7i_flex_12xlarge: "c7i-flex.12xlarge",
    c7i_flex_16xlarge: "c7i-flex.16xlarge",
    c7i_flex_2xlarge: "c7i-flex.2xlarge",
    c7i_flex_4xlarge: "c7i-flex.4xlarge",
    c7i_flex_8xlarge: "c7i-flex.8xlarge",
    c7i_flex_large: "c7i-flex.large",
    c7i_flex_xlarge: "c7i-flex.xlarge",
    c7i_large: "c7i.large",
    c7i_metal_24xl: "c7i.metal-24xl",
    c7i_metal_48xl: "c7i.metal-48xl",
    c7i_xlarge: "c7i.xlarge",
    c8a_12xlarge: "c8a.12xlarge",
    c8a_16xlarge: "c8a.16xlarge",
    c8a_24xlarge: "c8a.24xlarge",
    c8a_2xlarge: "c8a.2xlarge",
    c8a_48xlarge: "c8a.48xlarge",
    c8a_4xlarge: "c8a.4xlarge",
    c8a_8xlarge: "c8a.8xlarge",
    c8a_large: "c8a.large",
    c8a_medium: "c8a.medium",
    c8a_metal_24xl: "c8a.metal-24xl",
    c8a_metal_48xl: "c8a.metal-48xl",
    c8a_xlarge: "c8a.xlarge",
    c8g_12xlarge: "c8g.12xlarge",
    c8g_16xlarge: "c8g.16xlarge",
    c8g_24xlarge: "c8g.24xlarge",
    c8g_2xlarge: "c8g.2xlarge",
    c8g_48xlarge: "c8g.48xlarge",
    c8g_4xlarge: "c8g.4xlarge",
    c8g_8xlarge: "c8g.8xlarge",
    c8g_large: "c8g.large",
    c8g_medium: "c8g.medium",
    c8g_metal_24xl: "c8g.metal-24xl",
    c8g_metal_48xl: "c8g.metal-48xl",
    c8g_xlarge: "c8g.xlarge",
    c8gb_12xlarge: "c8gb.12xlarge",
    c8gb_16xlarge: "c8gb.16xlarge",
    c8gb_24xlarge: "c8gb.24xlarge",
    c8gb_2xlarge: "c8gb.2xlarge",
    c8gb_48xlarge: "c8gb.48xlarge",
    c8gb_4xlarge: "c8gb.4xlarge",
    c8gb_8xlarge: "c8gb.8xlarge",
    c8gb_large: "c8gb.large",
    c8gb_medium: "c8gb.medium",
    c8gb_metal_24xl: "c8gb.metal-24xl",
    c8gb_metal_48xl: "c8gb.metal-48xl",
    c8gb_xlarge: "c8gb.xlarge",
    c8gd_12xlarge: "c8gd.12xlarge",
    c8gd_16xlarge: "c8gd.16xlarge",
    c8gd_24xlarge: "c8gd.24xlarge",
    c8gd_2xlarge: "c8gd.2xlarge",
    c8gd_48xlarge: "c8gd.48xlarge",
    c8gd_4xlarge: "c8gd.4xlarge",
    c8gd_8xlarge: "c8gd.8xlarge",
    c8gd_large: "c8gd.large",
    c8gd_medium: "c8gd.medium",
    c8gd_metal_24xl: "c8gd.metal-24xl",
    c8gd_metal_48xl: "c8gd.metal-48xl",
    c8gd_xlarge: "c8gd.xlarge",
    c8gn_12xlarge: "c8gn.12xlarge",
    c8gn_16xlarge: "c8gn.16xlarge",
    c8gn_24xlarge: "c8gn.24xlarge",
    c8gn_2xlarge: "c8gn.2xlarge",
    c8gn_48xlarge: "c8gn.48xlarge",
    c8gn_4xlarge: "c8gn.4xlarge",
    c8gn_8xlarge: "c8gn.8xlarge",
    c8gn_large: "c8gn.large",
    c8gn_medium: "c8gn.medium",
    c8gn_metal_24xl: "c8gn.metal-24xl",
    c8gn_metal_48xl: "c8gn.metal-48xl",
    c8gn_xlarge: "c8gn.xlarge",
    c8i_12xlarge: "c8i.12xlarge",
    c8i_16xlarge: "c8i.16xlarge",
    c8i_24xlarge: "c8i.24xlarge",
    c8i_2xlarge: "c8i.2xlarge",
    c8i_32xlarge: "c8i.32xlarge",
    c8i_48xlarge: "c8i.48xlarge",
    c8i_4xlarge: "c8i.4xlarge",
    c8i_8xlarge: "c8i.8xlarge",
    c8i_96xlarge: "c8i.96xlarge",
    c8i_flex_12xlarge: "c8i-flex.12xlarge",
    c8i_flex_16xlarge: "c8i-flex.16xlarge",
    c8i_flex_2xlarge: "c8i-flex.2xlarge",
    c8i_flex_4xlarge: "c8i-flex.4xlarge",
    c8i_flex_8xlarge: "c8i-flex.8xlarge",
    c8i_flex_large: "c8i-flex.large",
    c8i_flex_xlarge: "c8i-flex.xlarge",
    c8i_large: "c8i.large",
    c8i_metal_48xl: "c8i.metal-48xl",
    c8i_metal_96xl: "c8i.metal-96xl",
    c8i_xlarge: "c8i.xlarge",
    c8ib_12xlarge: "c8ib.12xlarge",
    c8ib_16xlarge: "c8ib.16xlarge",
    c8ib_24xlarge: "c8ib.24xlarge",
    c8ib_2xlarge: "c8ib.2xlarge",
    c8ib_32xlarge: "c8ib.32xlarge",
    c8ib_48xlarge: "c8ib.48xlarge",
    c8ib_4xlarge: "c8ib.4xlarge",
    c8ib_8xlarge: "c8ib.8xlarge",
    c8ib_96xlarge: "c8ib.96xlarge",
    c8ib_large: "c8ib.large",
    c8ib_metal_48xl: "c8ib.metal-48xl",
    c8ib_metal_96xl: "c8ib.metal-96xl",
    c8ib_xlarge: "c8ib.xlarge",
    c8id_12xlarge: "c8id.12xlarge",
    c8id_16xlarge: "c8id.16xlarge",
    c8id_24xlarge: "c8id.24xlarge",
    c8id_2xlarge: "c8id.2xlarge",
    c8id_32xlarge: "c8id.32xlarge",
    c8id_48xlarge: "c8id.48xlarge",
    c8id_4xlarge: "c8id.4xlarge",
    c8id_8xlarge: "c8id.8xlarge",
    c8id_96xlarge: "c8id.96xlarge",
    c8id_large: "c8id.large",
    c8id_metal_48xl: "c8id.metal-48xl",
    c8id_metal_96xl: "c8id.metal-96xl",
    c8id_xlarge: "c8id.xlarge",
    c8in_12xlarge: "c8in.12xlarge",
    c8in_16xlarge: "c8in.16xlarge",
    c8in_24xlarge: "c8in.24xlarge",
    c8in_2xlarge: "c8in.2xlarge",
    c8in_32xlarge: "c8in.32xlarge",
    c8in_48xlarge: "c8in.48xlarge",
    c8in_4xlarge: "c8in.4xlarge",
    c8in_8xlarge: "c8in.8xlarge",
    c8in_96xlarge: "c8in.96xlarge",
    c8in_large: "c8in.large",
    c8in_metal_48xl: "c8in.metal-48xl",
    c8in_metal_96xl: "c8in.metal-96xl",
    c8in_xlarge: "c8in.xlarge",
    c8ine_12xlarge: "c8ine.12xlarge",
    c8ine_2xlarge: "c8ine.2xlarge",
    c8ine_4xlarge: "c8ine.4xlarge",
    c8ine_8xlarge: "c8ine.8xlarge",
    c8ine_large: "c8ine.large",
    c8ine_xlarge: "c8ine.xlarge",
    c9g_12xlarge: "c9g.12xlarge",
    c9g_16xlarge: "c9g.16xlarge",
    c9g_24xlarge: "c9g.24xlarge",
    c9g_2xlarge: "c9g.2xlarge",
    c9g_48xlarge: "c9g.48xlarge",
    c9g_4xlarge: "c9g.4xlarge",
    c9g_8xlarge: "c9g.8xlarge",
    c9g_large: "c9g.large",
    c9g_medium: "c9g.medium",
    c9g_metal_48xl: "c9g.metal-48xl",
    c9g_xlarge: "c9g.xlarge",
    c9gd_12xlarge: "c9gd.12xlarge",
    c9gd_16xlarge: "c9gd.16xlarge",
    c9gd_24xlarge: "c9gd.24xlarge",
    c9gd_2xlarge: "c9gd.2xlarge",
    c9gd_48xlarge: "c9gd.48xlarge",
    c9gd_4xlarge: "c9gd.4xlarge",
    c9gd_8xlarge: "c9gd.8xlarge",
    c9gd_large: "c9gd.large",
    c9gd_medium: "c9gd.medium",
    c9gd_metal_48xl: "c9gd.metal-48xl",
    c9gd_xlarge: "c9gd.xlarge",
    cc1_4xlarge: "cc1.4xlarge",
    cc2_8xlarge: "cc2.8xlarge",
    cg1_4xlarge: "cg1.4xlarge",
    cr1_8xlarge: "cr1.8xlarge",
    d2_2xlarge: "d2.2xlarge",
    d2_4xlarge: "d2.4xlarge",
    d2_8xlarge: "d2.8xlarge",
    d2_xlarge: "d2.xlarge",
    d3_2xlarge: "d3.2xlarge",
    d3_4xlarge: "d3.4xlarge",
    d3_8xlarge: "d3.8xlarge",
    d3_xlarge: "d3.xlarge",
    d3en_12xlarge: "d3en.12xlarge",
    d3en_2xlarge: "d3en.2xlarge",
    d3en_4xlarge: "d3en.4xlarge",
    d3en_6xlarge: "d3en.6xlarge",
    d3en_8xlarge: "d3en.8xlarge",
    d3en_xlarge: "d3en.xlarge",
    dl1_24xlarge: "dl1.24xlarge",
    dl2q_24xlarge: "dl2q.24xlarge",
    f1_16xlarge: "f1.16xlarge",
    f1_2xlarge: "f1.2xlarge",
    f1_4xlarge: "f1.4xlarge",
    f2_12xlarge: "f2.12xlarge",
    f2_48xlarge: "f2.48xlarge",
    f2_6xlarge: "f2.6xlarge",
    g2_2xlarge: "g2.2xlarge",
    g2_8xlarge: "g2.8xlarge",
    g3_16xlarge: "g3.16xlarge",
    g3_4xlarge: "g3.4xlarge",
    g3_8xlarge: "g3.8xlarge",
    g3s_xlarge: "g3s.xlarge",
    g4ad_16xlarge: "g4ad.16xlarge",
    g4ad_2xlarge: "g4ad.2xlarge",
    g4ad_4xlarge: "g4ad.4xlarge",
    g4ad_8xlarge: "g4ad.8xlarge",
    g4ad_xlarge: "g4ad.xlarge",
    g4dn_12xlarge: "g4dn.12xlarge",
    g4dn_16xlarge: "g4dn.16xlarge",
    g4dn_2xlarge: "g4dn.2xlarge",
    g4dn_4xlarge: "g4dn.4xlarge",
    g4dn_8xlarge: "g4dn.8xlarge",
    g4dn_metal: "g4dn.metal",
    g4dn_xlarge: "g4dn.xlarge",
    g5_12xlarge: "g5.12xlarge",
    g5_16xlarge: "g5.16xlarge",
    g5_24xlarge: "g5.24xlarge",
    g5_2xlarge: "g5.2xlarge",
    g5_48xlarge: "g5.48xlarge",
    g5_4xlarge: "g5.4xlarge",
    g5_8xlarge: "g5.8xlarge",
    g5_xlarge: "g5.xlarge",
    g5g_16xlarge: "g5g.16xlarge",
    g5g_2xlarge: "g5g.2xlarge",
    g5g_4xlarge: "g5g.4xlarge",
    g5g_8xlarge: "g5g.8xlarge",
    g5g_metal: "g5g.metal",
    g5g_xlarge: "g5g.xlarge",
    g6_12xlarge: "g6.12xlarge",
    g6_16xlarge: "g6.16xlarge",
    g6_24xlarge: "g6.24xlarge",
    g6_2xlarge: "g6.2xlarge",
    g6_48xlarge: "g6.48xlarge",
    g6_4xlarge: "g6.4xlarge",
    g6_8xlarge: "g6.8xlarge",
    g6_xlarge: "g6.xlarge",
    g6e_12xlarge: "g6e.12xlarge",
    g6e_16xlarge: "g6e.16xlarge",
    g6e_24xlarge: "g6e.24xlarge",
    g6e_2xlarge: "g6e.2xlarge",
    g6e_48xlarge: "g6e.48xlarge",
    g6e_4xlarge: "g6e.4xlarge",
    g6e_8xlarge: "g6e.8xlarge",
    g6e_xlarge: "g6e.xlarge",
    g6f_2xlarge: "g6f.2xlarge",
    g6f_4xlarge: "g6f.4xlarge",
    g6f_large: "g6f.large",
    g6f_xlarge: "g6f.xlarge",
    g7_12xlarge: "g7.12xlarge",
    g7_24xlarge: "g7.24xlarge",
    g7_2xlarge: "g7.2xlarge",
    g7_48xlarge: "g7.48xlarge",
    g7_4xlarge: "g7.4xlarge",
    g7_8xlarge: "g7.8xlarge",
    g7e_12xlarge: "g7e.12xlarge",
    g7e_24xlarge: "g7e.24xlarge",
    g7e_2xlarge: "g7e.2xlarge",
    g7e_48xlarge: "g7e.48xlarge",
    g7e_4xlarge: "g7e.4xlarge",
    g7e_8xlarge: "g7e.8xlarge",
    gr6_4xlarge: "gr6.4xlarge",
    gr6_8xlarge: "gr6.8xlarge",
    gr6f_4xlarge: "gr6f.4xlarge",
    h1_16xlarge: "h1.16xlarge",
    h1_2xlarge: "h1.2xlarge",
    h1_4xlarge: "h1.4xlarge",
    h1_8xlarge: "h1.8xlarge",
    hi1_4xlarge: "hi1.4xlarge",
    hpc6a_48xlarge: "hpc6a.48xlarge",
    hpc6id_32xlarge: "hpc6id.32xlarge",
    hpc7a_12xlarge: "hpc7a.12xlarge",
    hpc7a_24xlarge: "hpc7a.24xlarge",
    hpc7a_48xlarge: "hpc7a.48xlarge",
    hpc7a_96xlarge: "hpc7a.96xlarge",
    hpc7g_16xlarge: "hpc7g.16xlarge",
    hpc7g_4xlarge: "hpc7g.4xlarge",
    hpc7g_8xlarge: "hpc7g.8xlarge",
    hpc8a_96xlarge: "hpc8a.96xlarge",
    hs1_8xlarge: "hs1.8xlarge",
    i2_2xlarge: "i2.2xlarge",
    i2_4xlarge: "i2.4xlarge",
    i2_8xlarge: "i2.8xlarge",
    i2_xlarge: "i2.xlarge",
    i3_16xlarge: "i3.16xlarge",
    i3_2xlarge: "i3.2xlarge",
    i3_4xlarge: "i3.4xlarge",
    i3_8xlarge: "i3.8xlarge",
    i3_large: "i3.large",
    i3_metal: "i3.metal",
    i3_xlarge: "i3.xlarge",
    i3en_12xlarge: "i3en.12xlarge",
    i3en_24xlarge: "i3en.24xlarge",
    i3en_2xlarge: "i3en.2xlarge",
    i3en_3xlarge: "i3en.3xlarge",
    i3en_6xlarge: "i3en.6xlarge",
    i3en_large: "i3en.large",
    i3en_metal: "i3en.metal",
    i3en_xlarge: "i3en.xlarge",
    i4g_16xlarge: "i4g.16xlarge",
    i4g_2xlarge: "i4g.2xlarge",
    i4g_4xlarge: "i4g.4xlarge",
    i4g_8xlarge: "i4g.8xlarge",
    i4g_large: "i4g.large",
    i4g_xlarge: "i4g.xlarge",
    i4i_12xlarge: "i4i.12xlarge",
    i4i_16xlarge: "i4i.16xlarge",
    i4i_24xlarge: "i4i.24xlarge",
    i4i_2xlarge: "i4i.2xlarge",
    i4i_32xlarge: "i4i.32xlarge",
    i4i_4xlarge: "i4i.4xlarge",
    i4i_8xlarge: "i4i.8xlarge",
    i4i_large: "i4i.large",
    i4i_metal: "i4i.metal",
    i4i_xlarge: "i4i.xlarge",
    i7i_12xlarge: "i7i.12xlarge",
    i7i_16xlarge: "i7i.16xlarge",
    i7i_24xlarge: "i7i.24xlarge",
    i7i_2xlarge: "i7i.2xlarge",
    i7i_48xlarge: "i7i.48xlarge",
    i7i_4xlarge: "i7i.4xlarge",
    i7i_8xlarge: "i7i.8xlarge",
    i7i_large: "i7i.large",
    i7i_metal_24xl: "i7i.metal-24xl",
    i7i_metal_48xl: "i7i.metal-48xl",
    i7i_xlarge: "i7i.xlarge",
    i7ie_12xlarge: "i7ie.12xlarge",
    i7ie_18xlarge: "i7ie.18xlarge",
    i7ie_24xlarge: "i7ie.24xlarge",
    i7ie_2xlarge: "i7ie.2xlarge",
    i7ie_3xlarge: "i7ie.3xlarge",
    i7ie_48xlarge: "i7ie.48xlarge",
    i7ie_6xlarge: "i7ie.6xlarge",
    i7ie_large: "i7ie.large",
    i7ie_metal_24xl: "i7ie.metal-24xl",
    i7ie_metal_48xl: "i7ie.metal-48xl",
    i7ie_xlarge: "i7ie.xlarge",
    i8g_12xlarge: "i8g.12xlarge",
    i8g_16xlarge: "i8g.16xlarge",
    i8g_24xlarge: "i8g.24xlarge",
    i8g_2xlarge: "i8g.2xlarge",
    i8g_48xlarge: "i8g.48xlarge",
    i8g_4xlarge: "i8g.4xlarge",
    i8g_8xlarge: "i8g.8xlarge",
    i8g_large: "i8g.large",
    i8g_metal_24xl: "i8g.metal-24xl",
    i8g_metal_48xl: "i8g.metal-48xl",
    i8g_xlarge: "i8g.xlarge",
    i8ge_12xlarge: "i8ge.12xlarge",
    i8ge_18xlarge: "i8ge.18xlarge",
    i8ge_24xlarge: "i8ge.24xlarge",
    i8ge_2xlarge: "i8ge.2xlarge",
    i8ge_3xlarge: "i8ge.3xlarge",
    i8ge_48xlarge: "i8ge.48xlarge",
    i8ge_6xlarge: "i8ge.6xlarge",
    i8ge_large: "i8ge.large",
    i8ge_metal_24xl: "i8ge.metal-24xl",
    i8ge_metal_48xl: "i8ge.metal-48xl",
    i8ge_xlarge: "i8ge.xlarge",
    im4gn_16xlarge: "im4gn.16xlarge",
    im4gn_2xlarge: "im4gn.2xlarge",
    im4gn_4xlarge: "im4gn.4xlarge",
    im4gn_8xlarge: "im4gn.8xlarge",
    im4gn_large: "im4gn.large",
    im4gn_xlarge: "im4gn.xlarge",
    inf1_24xlarge: "inf1.24xlarge",
    inf1_2xlarge: "inf1.2xlarge",
    inf1_6xlarge: "inf1.6xlarge",
    inf1_xlarge: "inf1.xlarge",
    inf2_24xlarge: "inf2.24xlarge",
    inf2_48xlarge: "inf2.48xlarge",
    inf2_8xlarge: "inf2.8xlarge",
    inf2_xlarge: "inf2.xlarge",
    is4gen_2xlarge: "is4gen.2xlarge",
    is4gen_4xlarge: "is4gen.4xlarge",
    is4gen_8xlarge: "is4gen.8xlarge",
    is4gen_large: "is4gen.large",
    is4gen_medium: "is4gen.medium",
    is4gen_xlarge: "is4gen.xlarge",
    m1_large: "m1.large",
    m1_medium: "m1.medium",
    m1_small: "m1.small",
    m1_xlarge: "m1.xlarge",
    m2_2xlarge: "m2.2xlarge",
    m2_4xlarge: "m2.4xlarge",
    m2_xlarge: "m2.xlarge",
    m3_2xlarge: "m3.2xlarge",
    m3_large: "m3.large",
    m3_medium: "m3.medium",
    m3_xlarge: "m3.xlarge",
    m4_10xlarge: "m4.10xlarge",
    m4_16xlarge: "m4.16xlarge",
    m4_2xlarge: "m4.2xlarge",
    m4_4xlarge: "m4.4xlarge",
    m4_large: "m4.large",
    m4_xlarge: "m4.xlarge",
    m5_12xlarge: "m5.12xlarge",
    m5_16xlarge: "m5.16xlarge",
    m5_24xlarge: "m5.24xlarge",
    m5_2xlarge: "m5.2xlarge",
    m5_4xlarge: "m5.4xlarge",
    m5_8xlarge: "m5.8xlarge",
    m5_large: "m5.large",
    m5_metal: "m5.metal",
    m5_xlarge: "m5.xlarge",
    m5a_12xlarge: "m5a.12xlarge",
    m5a_16xlarge: "m5a.16xlarge",
    m5a_24xlarge: "m5a.24xlarge",
    m5a_2xlarge: "m5a.2xlarge",
    m5a_4xlarge: "m5a.4xlarge",
    m5a_8xlarge: "m5a.8xlarge",
    m5a_large: "m5a.large",
    m5a_xlarge: "m5a.xlarge",
    m5ad_12xlarge: "m5ad.12xlarge",
    m5ad_16xlarge: "m5ad.16xlarge",
    m5ad_24xlarge: "m5ad.24xlarge",
    m5ad_2xlarge: "m5ad.2xlarge",
    m5ad_4xlarge: "m5ad.4xlarge",
    m5ad_8xlarge: "m5ad.8xlarge",
    m5ad_large: "m5ad.large",
    m5ad_xlarge: "m5ad.xlarge",
    m5d_12xlarge: "m5d.12xlarge",
    m5d_16xlarge: "m5d.16xlarge",
    m5d_24xlarge: "m5d.24xlarge",
    m5d_2xlarge: "m5d.2xlarge",
    m5d_4xlarge: "m5d.4xlarge",
    m5d_8xlarge: "m5d.8xlarge",
    m5d_large: "m5d.large",
    m5d_metal: "m5d.metal",
    m5d_xlarge: "m5d.xlarge",
    m5dn_12xlarge: "m5dn.12xlarge",
    m5dn_16xlarge: "m5dn.16xlarge",
    m5dn_24xlarge: "m5dn.24xlarge",
    m5dn_2xlarge: "m5dn.2xlarge",
    m5dn_4xlarge: "m5dn.4xlarge",
    m5dn_8xlarge: "m5dn.8xlarge",
    m5dn_large: "m5dn.large",
    m5dn_metal: "m5dn.metal",
    m5dn_xlarge: "m5dn.xlarge",
    m5n_12xlarge: "m5n.12xlarge",
    m5n_16xlarge: "m5n.16xlarge",
    m5n_24xlarge: "m5n.24xlarge",
    m5n_2xlarge: "m5n.2xlarge",
    m5n_4xlarge: "m5n.4xlarge",
    m5n_8xlarge: "m5n.8xlarge",
    m5n_large: "m5n.large",
    m5n_metal: "m5n.metal",
    m5n_xlarge: "m5n.xlarge",
    m5zn_12xlarge: "m5zn.12xlarge",
    m5zn_2xlarge: "m5zn.2xlarge",
    m5zn_3xlarge: "m5zn.3xlarge",
    m5zn_6xlarge: "m5zn.6xlarge",
    m5zn_large: "m5zn.large",
    m5zn_metal: "m5zn.metal",
    m5zn_xlarge: "m5zn.xlarge",
    m6a_12xlarge: "m6a.12xlarge",
    m6a_16xlarge: "m6a.16xlarge",
    m6a_24xlarge: "m6a.24xlarge",
    m6a_2xlarge: "m6a.2xlarge",
    m6a_32xlarge: "m6a.32xlarge",
    m6a_48xlarge: "m6a.48xlarge",
    m6a_4xlarge: "m6a.4xlarge",
    m6a_8xlarge: "m6a.8xlarge",
    m6a_large: "m6a.large",
    m6a_metal: "m6a.metal",
    m6a_xlarge: "m6a.xlarge",
    m6g_12xlarge: "m6g.12xlarge",
    m6g_16xlarge: "m6g.16xlarge",
    m6g_2xlarge: "m6g.2xlarge",
    m6g_4xlarge: "m6g.4xlarge",
    m6g_8xlarge: "m6g.8xlarge",
    m6g_large: "m6g.large",
    m6g_medium: "m6g.medium",
    m6g_metal: "m6g.metal",
    m6g_xlarge: "m6g.xlarge",
    m6gd_12xlarge: "m6gd.12xlarge",
    m6gd_16xlarge: "m6gd.16xlarge",
    m6gd_2xlarge: "m6gd.2xlarge",
    m6gd_4xlarge: "m6gd.4xlarge",
    m6gd_8xlarge: "m6gd.8xlarge",
    m6gd_large: "m6gd.large",
    m6gd_medium: "m6gd.medium",
    m6gd_metal: "m6gd.metal",
    m6gd_xlarge: "m6gd.xlarge",
    m6i_12xlarge: "m6i.12xlarge",
    m6i_16xlarge: "m6i.16xlarge",
    m6i_24xlarge: "m6i.24xlarge",
    m6i_2xlarge: "m6i.2xlarge",
    m6i_32xlarge: "m6i.32xlarge",
    m6i_4xlarge: "m6i.4xlarge",
    m6i_8xlarge: "m6i.8xlarge",
    m6i_large: "m6i.large",
    m6i_metal: "m6i.metal",
    m6i_xlarge: "m6i.xlarge",
    m6id_12xlarge: "m6id.12xlarge",
    m6id_16xlarge: "m6id.16xlarge",
    m6id_24xlarge: "m6id.24xlarge",
    m6id_2xlarge: "m6id.2xlarge",
    m6id_32xlarge: "m6id.32xlarge",
    m6id_4xlarge: "m6id.4xlarge",
    m6id_8xlarge: "m6id.8xlarge",
    m6id_large: "m6id.large",
    m6id_metal: "m6id.metal",
    m6id_xlarge: "m6id.xlarge",
    m6idn_12xlarge: "m6idn.12xlarge",
    m6idn_16xlarge: "m6idn.16xlarge",
    m6idn_24xlarge: "m6idn.24xlarge",
    m6idn_2xlarge: "m6idn.2xlarge",
    m6idn_32xlarge: "m6idn.32xlarge",
    m6idn_4xlarge: "m6idn.4xlarge",
    m6idn_8xlarge: "m6idn.8xlarge",
    m6idn_large: "m6idn.large",
    m6idn_metal: "m6idn.metal",
    m6idn_xlarge: "m6idn.xlarge",
    m6in_12xlarge: "m6in.12xlarge",
    m6in_16xlarge: "m6in.16xlarge",
    m6in_24xlarge: "m6in.24xlarge",
    m6in_2xlarge: "m6in.2xlarge",
    m6in_32xlarge: "m6in.32xlarge",
    m6in_4xlarge: "m6in.4xlarge",
    m6in_8xlarge: "m6in.8xlarge",
    m6in_large: "m6in.large",
    m6in_metal: "m6in.metal",
    m6in_xlarge: "m6in.xlarge",
    m7a_12xlarge: "m7a.12xlarge",
    m7a_16xlarge: "m7a.16xlarge",
    m7a_24xlarge: "m7a.24xlarge",
    m7a_2xlarge: "m7a.2xlarge",
    m7a_32xlarge: "m7a.32xlarge",
    m7a_48xlarge: "m7a.48xlarge",
    m7a_4xlarge: "m7a.4xlarge",
    m7a_8xlarge: "m7a.8xlarge",
    m7a_large: "m7a.large",
    m7a_medium: "m7a.medium",
    m7a_metal_48xl: "m7a.metal-48xl",
    m7a_xlarge: "m7a.xlarge",
    m7g_12xlarge: "m7g.12xlarge",
    m7g_16xlarge: "m7g.16xlarge",
    m7g_2xlarge: "m7g.2xlarge",
    m7g_4xlarge: "m7g.4xlarge",
    m7g_8xlarge: "m7g.8xlarge",
    m7g_large: "m7g.large",
    m7g_medium: "m7g.medium",
    m7g_metal: "m7g.metal",
    m7g_xlarge: "m7g.xlarge",
    m7gd_12xlarge: "m7gd.12xlarge",
    m7gd_16xlarge: "m7gd.16xlarge",
    m7gd_2xlarge: "m7gd.2xlarge",
    m7gd_4xlarge: "m7gd.4xlarge",
    m7gd_8xlarge: "m7gd.8xlarge",
    m7gd_large: "m7gd.large",
    m7gd_medium: "m7gd.medium",
    m7gd_metal: "m7gd.metal",
    m7gd_xlarge: "m7gd.xlarge",
    m7i_12xlarge: "m7i.12xlarge",
    m7i_16xlarge: "m7i.16xlarge",
    m7i_24xlarge: "m7i.24xlarge",
    m7i_2xlarge: "m7i.2xlarge",
    m7i_48xlarge: "m7i.48xlarge",
    m7i_4xlarge: "m7i.4xlarge",
    m7i_8xlarge: "m7i.8xlarge",
    m7i_flex_12xlarge: "m7i-flex.12xlarge",
    m7i_flex_16xlarge: "m7i-flex.16xlarge",
    m7i_flex_2xlarge: "m7i-flex.2xlarge",
    m7i_flex_4xlarge: "m7i-flex.4xlarge",
    m7i_flex_8xlarge: "m7i-flex.8xlarge",
    m7i_flex_large: "m7i-flex.large",
    m7i_flex_xlarge: "m7i-flex.xlarge",
    m7i_large: "m7i.large",
    m7i_metal_24xl: "m7i.metal-24xl",
    m7i_metal_48xl: "m7i.metal-48xl",
    m7i_xlarge: "m7i.xlarge",
    m8a_12xlarge: "m8a.12xlarge",
    m8a_16xlarge: "m8a.16xlarge",
    m8a_24xlarge: "m8a.24xlarge",
    m8a_2xlarge: "m8a.2xlarge",
    m8a_48xlarge: "m8a.48xlarge",
    m8a_4xlarge: "m8a.4xlarge",
    m8a_8xlarge: "m8a.8xlarge",
    m8a_large: "m8a.large",
    m8a_medium: "m8a.medium",
    m8a_metal_24xl: "m8a.metal-24xl",
    m8a_metal_48xl: "m8a.metal-48xl",
    m8a_xlarge: "m8a.xlarge",
    m8azn_12xlarge: "m8azn.12xlarge",
    m8azn_24xlarge: "m8azn.24xlarge",
    m8azn_3xlarge: "m8azn.3xlarge",
    m8azn_6xlarge: "m8azn.6xlarge",
    m8azn_large: "m8azn.large",
    m8azn_medium: "m8azn.medium",
    m8azn_metal_12xl: "m8azn.metal-12xl",
    m8azn_metal_24xl: "m8azn.metal-24xl",
    m8azn_xlarge: "m8azn.xlarge",
    m8g_12xlarge: "m8g.12xlarge",
    m8g_16xlarge: "m8g.16xlarge",
    m8g_24xlarge: "m8g.24xlarge",
    m8g_2xlarge: "m8g.2xlarge",
    m8g_48xlarge: "m8g.48xlarge",
    m8g_4xlarge: "m8g.4xlarge",
    m8g_8xlarge: "m8g.8xlarge",
    m8g_large: "m8g.large",
    m8g_medium: "m8g.medium",
    m8g_metal_24xl: "m8g.metal-24xl",
    m8g_metal_48xl: "m8g.metal-48xl",
    m8g_xlarge: "m8g.xlarge",
    m8gb_12xlarge: "m8gb.12xlarge",
    m8gb_16xlarge: "m8gb.16xlarge",
    m8gb_24xlarge: "m8gb.24xlarge",
    m8gb_2xlarge: "m8gb.2xlarge",
    m8gb_48xlarge: "m8gb.48xlarge",
    m8gb_4xlarge: "m8gb.4xlarge",
    m8gb_8xlarge: "m8gb.8xlarge",
    m8gb_large: "m8gb.large",
    m8gb_medium: "m8gb.medium",
    m8gb_metal_24xl: "m8gb.metal-24xl",
    m8gb_metal_48xl: "m8gb.metal-48xl",
    m8gb_xlarge: "m8gb.xlarge",
    m8gd_12xlarge: "m8gd.12xlarge",
    m8gd_16xlarge: "m8gd.16xlarge",
    m8gd_24xlarge: "m8gd.24xlarge",
    m8gd_2xlarge: "m8gd.2xlarge",
    m8gd_48xlarge: "m8gd.48xlarge",
    m8gd_4xlarge: "m8gd.4xlarge",
    m8gd_8xlarge: "m8gd.8xlarge",
    m8gd_large: "m8gd.large",
    m8gd_medium: "m8gd.medium",
    m8gd_metal_24xl: "m8gd.metal-24xl",
    m8gd_metal_48xl: "m8gd.metal-48xl",
    m8gd_xlarge: "m8gd.xlarge",
    m8gn_12xlarge: "m8gn.12xlarge",
    m8gn_16xlarge: "m8gn.16xlarge",
    m8gn_24xlarge: "m8gn.24xlarge",
    m8gn_2xlarge: "m8gn.2xlarge",
    m8gn_48xlarge: "m8gn.48xlarge",
    m8gn_4xlarge: "m8gn.4xlarge",
    m8gn_8xlarge: "m8gn.8xlarge",
    m8gn_large: "m8gn.large",
    m8gn_medium: "m8gn.medium",
    m8gn_metal_24xl: "m8gn.metal-24xl",
    m8gn_metal_48xl: "m8gn.metal-48xl",
    m8gn_xlarge: "m8gn.xlarge",
    m8i_12xlarge: "m8i.12xlarge",
    m8i_16xlarge: "m8i.16xlarge",
    m8i_24xlarge: "m8i.24xlarge",
    m8i_2xlarge: "m8i.2xlarge",
    m8i_32xlarge: "m8i.32xlarge",
    m8i_48xlarge: "m8i.48xlarge",
    m8i_4xlarge: "m8i.4xlarge",
    m8i_8xlarge: "m8i.8xlarge",
    m8i_96xlarge: "m8i.96xlarge",
    m8i_flex_12xlarge: "m8i-flex.12xlarge",
    m8i_flex_16xlarge: "m8i-flex.16xlarge",
    m8i_flex_2xlarge: "m8i-flex.2xlarge",
    m8i_flex_4xlarge: "m8i-flex.4xlarge",
    m8i_flex_8xlarge: "m8i-flex.8xlarge",
    m8i_flex_large: "m8i-flex.large",
    m8i_flex_xlarge: "m8i-flex.xlarge",
    m8i_large: "m8i.large",
    m8i_metal_48xl: "m8i.metal-48xl",
    m8i_metal_96xl: "m8i.metal-96xl",
    m8i_xlarge: "m8i.xlarge",
    m8ib_12xlarge: "m8ib.12xlarge",
    m8ib_16xlarge: "m8ib.16xlarge",
    m8ib_24xlarge: "m8ib.24xlarge",
    m8ib_2xlarge: "m8ib.2xlarge",
    m8ib_32xlarge: "m8ib.32xlarge",
    m8ib_48xlarge: "m8ib.48xlarge",
    m8ib_4xlarge: "m8ib.4xlarge",
    m8ib_8xlarge: "m8ib.8xlarge",
    m8ib_96xlarge: "m8ib.96xlarge",
    m8ib_large: "m8ib.large",
    m8ib_metal_48xl: "m8ib.metal-48xl",
    m8ib_metal_96xl: "m8ib.metal-96xl",
    m8ib_xlarge: "m8ib.xlarge",
    m8id_12xlarge: "m8id.12xlarge",
    m8id_16xlarge: "m8id.16xlarge",
    m8id_24xlarge: "m8id.24xlarge",
    m8id_2xlarge: "m8id.2xlarge",
    m8id_32xlarge: "m8id.32xlarge",
    m8id_48xlarge: "m8id.48xlarge",
    m8id_4xlarge: "m8id.4xlarge",
    m8id_8xlarge: "m8id.8xlarge",
    m8id_96xlarge: "m8id.96xlarge",
    m8id_large: "m8id.large",
    m8id_metal_48xl: "m8id.metal-48xl",
    m8id_metal_96xl: "m8id.metal-96xl",
    m8id_xlarge: "m8id.xlarge",
    m8idb_12xlarge: "m8idb.12xlarge",
    m8idb_16xlarge: "m8idb.16xlarge",
    m8idb_24xlarge: "m8idb.24xlarge",
    m8idb_2xlarge: "m8idb.2xlarge",
    m8idb_32xlarge: "m8idb.32xlarge",
    m8idb_48xlarge: "m8idb.48xlarge",
    m8idb_4xlarge: "m8idb.4xlarge",
    m8idb_8xlarge: "m8idb.8xlarge",
    m8idb_96xlarge: "m8idb.96xlarge",
    m8idb_large: "m8idb.large",
    m8idb_metal_48xl: "m8idb.metal-48xl",
    m8idb_metal_96xl: "m8idb.metal-96xl",
    m8idb_xlarge: "m8idb.xlarge",
    m8idn_12xlarge: "m8idn.12xlarge",
    m8idn_16xlarge: "m8idn.16xlarge",
    m8idn_24xlarge: "m8idn.24xlarge",
    m8idn_2xlarge: "m8idn.2xlarge",
    m8idn_32xlarge: "m8idn.32xlarge",
    m8idn_48xlarge: "m8idn.48xlarge",
    m8idn_4xlarge: "m8idn.4xlarge",
    m8idn_8xlarge: "m8idn.8xlarge",
    m8idn_96xlarge: "m8idn.96xlarge",
    m8idn_large: "m8idn.large",
    m8idn_metal_48xl: "m8idn.metal-48xl",
    m8idn_metal_96xl: "m8idn.metal-96xl",
    m8idn_xlarge: "m8idn.xlarge",
    m8in_12xlarge: "m8in.12xlarge",
    m8in_16xlarge: "m8in.16xlarge",
    m8in_24xlarge: "m8in.24xlarge",
    m8in_2xlarge: "m8in.2xlarge",
    m8in_32xlarge: "m8in.32xlarge",
    m8in_48xlarge: "m8in.48xlarge",
    m8in_4xlarge: "m8in.4xlarge",
    m8in_8xlarge: "m8in.8xlarge",
    m8in_96xlarge: "m8in.96xlarge",
    m8in_large: "m8in.large",
    m8in_metal_48xl: "m8in.metal-48xl",
    m8in_metal_96xl: "m8in.metal-96xl",
    m8in_xlarge: "m8in.xlarge",
    m8ine_12xlarge: "m8ine.12xlarge",
    m8ine_2xlarge: "m8ine.2xlarge",
    m8ine_4xlarge: "m8ine.4xlarge",
    m8ine_8xlarge: "m8ine.8xlarge",
    m8ine_large: "m8ine.large",
    m8ine_xlarge: "m8ine.xlarge",
    m9g_12xlarge: "m9g.12xlarge",
    m9g_16xlarge: "m9g.16xlarge",
    m9g_24xlarge: "m9g.24xlarge",
    m9g_2xlarge: "m9g.2xlarge",
    m9g_48xlarge: "m9g.48xlarge",
    m9g_4xlarge: "m9g.4xlarge",
    m9g_8xlarge: "m9g.8xlarge",
    m9g_large: "m9g.large",
    m9g_medium: "m9g.medium",
    m9g_metal_24xl: "m9g.metal-24xl",
    m9g_metal_48xl: "m9g.metal-48xl",
    m9g_xlarge: "m9g.xlarge",
    m9gd_12xlarge: "m9gd.12xlarge",
    m9gd_16xlarge: "m9gd.16xlarge",
    m9gd_24xlarge: "m9gd.24xlarge",
    m9gd_2xlarge: "m9gd.2xlarge",
    m9gd_48xlarge: "m9gd.48xlarge",
    m9gd_4xlarge: "m9gd.4xlarge",
    m9gd_8xlarge: "m9gd.8xlarge",
    m9gd_large: "m9gd.large",
    m9gd_medium: "m9gd.medium",
    m9gd_metal_24xl: "m9gd.metal-24xl",
    m9gd_metal_48xl: "m9gd.metal-48xl",
    m9gd_xlarge: "m9gd.xlarge",
    mac1_metal: "mac1.metal",
    mac2_m1ultra_metal: "mac2-m1ultra.metal",
    mac2_m2_metal: "mac2-m2.metal",
    mac2_m2pro_metal: "mac2-m2pro.metal",
    mac2_metal: "mac2.metal",
    mac_m3ultra_metal: "mac-m3ultra.metal",
    mac_m4_metal: "mac-m4.metal",
    mac_m4max_metal: "mac-m4max.metal",
    mac_m4pro_metal: "mac-m4pro.metal",
    p2_16xlarge: "p2.16xlarge",
    p2_8xlarge: "p2.8xlarge",
    p2_xlarge: "p2.xlarge",
    p3_16xlarge: "p3.16xlarge",
    p3_2xlarge: "p3.2xlarge",
    p3_8xlarge: "p3.8xlarge",
    p3dn_24xlarge: "p3dn.24xlarge",
    p4d_24xlarge: "p4d.24xlarge",
    p4de_24xlarge: "p4de.24xlarge",
    p5_48xlarge: "p5.48xlarge",
    p5_4xlarge: "p5.4xlarge",
    p5e_48xlarge: "p5e.48xlarge",
    p5en_48xlarge: "p5en.48xlarge",
    p6_b200_48xlarge: "p6-b200.48xlarge",
    p6_b300_48xlarge: "p6-b300.48xlarge",
    p6e_gb200_36xlarge: "p6e-gb200.36xlarge",
    r3_2xlarge: "r3.2xlarge",
    r3_4xlarge: "r3.4xlarge",
    r3_8xlarge: "r3.8xlarge",
    r3_large: "r3.large",
    r3_xlarge: "r3.xlarge",
    r4_16xlarge: "r4.16xlarge",
    r4_2xlarge: "r4.2xlarge",
    r4_4xlarge: "r4.4xlarge",
    r4_8xlarge: "r4.8xlarge",
    r4_large: "r4.large",
    r4_xlarge: "r4.xlarge",
    r5_12xlarge: "r5.12xlarge",
    r5_16xlarge: "r5.16xlarge",
    r5_24xlarge: "r5.24xlarge",
    r5_2xlarge: "r5.2xlarge",
    r5_4xlarge: "r5.4xlarge",
    r5_8xlarge: "r5.8xlarge",
    r5_large: "r5.large",
    r5_metal: "r5.metal",
    r5_xlarge: "r5.xlarge",
    r5a_12xlarge: "r5a.12xlarge",
    r5a_16xlarge: "r5a.16xlarge",
    r5a_24xlarge: "r5a.24xlarge",
    r5a_2xlarge: "r5a.2xlarge",
    r5a_4xlarge: "r5a.4xlarge",
    r5a_8xlarge: "r5a.8xlarge",
    r5a_large: "r5a.large",
    r5a_xlarge: "r5a.xlarge",
    r5ad_12xlarge: "r5ad.12xlarge",
    r5ad_16xlarge: "r5ad.16xlarge",
    r5ad_24xlarge: "r5ad.24xlarge",
    r5ad_2xlarge: "r5ad.2xlarge",
    r5ad_4xlarge: "r5ad.4xlarge",
    r5ad_8xlarge: "r5ad.8xlarge",
    r5ad_large: "r5ad.large",
    r5ad_xlarge: "r5ad.xlarge",
    r5b_12xlarge: "r5b.12xlarge",
    r5b_16xlarge: "r5b.16xlarge",
    r5b_24xlarge: "r5b.24xlarge",
    r5b_2xlarge: "r5b.2xlarge",
    r5b_4xlarge: "r5b.4xlarge",
    r5b_8xlarge: "r5b.8xlarge",
    r5b_large: "r5b.large",
    r5b_metal: "r5b.metal",
    r5b_xlarge: "r5b.xlarge",
    r5d_12xlarge: "r5d.12xlarge",
    r5d_16xlarge: "r5d.16xlarge",
    r5d_24xlarge: "r5d.24xlarge",
    r5d_2xlarge: "r5d.2xlarge",
    r5d_4xlarge: "r5d.4xlarge",
    r5d_8xlarge: "r5d.8xlarge",
    r5d_large: "r5d.large",
    r5d_metal: "r5d.metal",
    r5d_xlarge: "r5d.xlarge",
    r5dn_12xlarge: "r5dn.12xlarge",
    r5dn_16xlarge: "r5dn.16xlarge",
    r5dn_24xlarge: "r5dn.24xlarge",
    r5dn_2xlarge: "r5dn.2xlarge",
    r5dn_4xlarge: "r5dn.4xlarge",
    r5dn_8xlarge: "r5dn.8xlarge",
    r5dn_large: "r5dn.large",
    r5dn_metal: "r5dn.metal",
    r5dn_xlarge: "r5dn.xlarge",
    r5n_12xlarge: "r5n.12xlarge",
    r5n_16xlarge: "r5n.16xlarge",
    r5n_24xlarge: "r5n.24xlarge",
    r5n_2xlarge: "r5n.2xlarge",
    r5n_4xlarge: "r5n.4xlarge",
    r5n_8xlarge: "r5n.8xlarge",
    r5n_large: "r5n.large",
    r5n_metal: "r5n.metal",
    r5n_xlarge: "r5n.xlarge",
    r6a_12xlarge: "r6a.12xlarge",
    r6a_16xlarge: "r6a.16xlarge",
    r6a_24xlarge: "r6a.24xlarge",
    r6a_2xlarge: "r6a.2xlarge",
    r6a_32xlarge: "r6a.32xlarge",
    r6a_48xlarge: "r6a.48xlarge",
    r6a_4xlarge: "r6a.4xlarge",
    r6a_8xlarge: "r6a.8xlarge",
    r6a_large: "r6a.large",
    r6a_metal: "r6a.metal",
    r6a_xlarge: "r6a.xlarge",
    r6g_12xlarge: "r6g.12xlarge",
    r6g_16xlarge: "r6g.16xlarge",
    r6g_2xlarge: "r6g.2xlarge",
    r6g_4xlarge: "r6g.4xlarge",
    r6g_8xlarge: "r6g.8xlarge",
    r6g_large: "r6g.large",
    r6g_medium: "r6g.medium",
    r6g_metal: "r6g.metal",
    r6g_xlarge: "r6g.xlarge",
    r6gd_12xlarge: "r6gd.12xlarge",
    r6gd_16xlarge: "r6gd.16xlarge",
    r6gd_2xlarge: "r6gd.2xlarge",
    r6gd_4xlarge: "r6gd.4xlarge",
    r6gd_8xlarge: "r6gd.8xlarge",
    r6gd_large: "r6gd.large",
    r6gd_medium: "r6gd.medium",
    r6gd_metal: "r6gd.metal",
    r6gd_xlarge: "r6gd.xlarge",
    r6i_12xlarge: "r6i.12xlarge",
    r6i_16xlarge: "r6i.16xlarge",
    r6i_24xlarge: "r6i.24xlarge",
    r6i_2xlarge: "r6i.2xlarge",
    r6i_32xlarge: "r6i.32xlarge",
    r6i_4xlarge: "r6i.4xlarge",
    r6i_8xlarge: "r6i.8xlarge",
    r6i_large: "r6i.large",
    r6i_metal: "r6i.metal",
    r6i_xlarge: "r6i.xlarge",
    r6id_12xlarge: "r6id.12xlarge",
    r6id_16xlarge: "r6id.16xlarge",
    r6id_24xlarge: "r6id.24xlarge",
    r6id_2xlarge: "r6id.2xlarge",
    r6id_32xlarge: "r6id.32xlarge",
    r6id_4xlarge: "r6id.4xlarge",
    r6id_8xlarge: "r6id.8xlarge",
    r6id_large: "r6id.large",
    r6id_metal: "r6id.metal",
    r6id_xlarge: "r6id.xlarge",
    r6idn_12xlarge: "r6idn.12xlarge",
    r6idn_16xlarge: "r6idn.16xlarge",
    r6idn_24xlarge: "r6idn.24xlarge",
    r6idn_2xlarge: "r6idn.2xlarge",
    r6idn_32xlarge: "r6idn.32xlarge",
    r6idn_4xlarge: "r6idn.4xlarge",
    r6idn_8xlarge: "r6idn.8xlarge",
    r6idn_large: "r6idn.large",
    r6idn_metal: "r6idn.metal",
    r6idn_xlarge: "r6idn.xlarge",
    r6in_12xlarge: "r6in.12xlarge",
    r6in_16xlarge: "r6in.16xlarge",
    r6in_24xlarge: "r6in.24xlarge",
    r6in_2xlarge: "r6in.2xlarge",
    r6in_32xlarge: "r6in.32xlarge",
    r6in_4xlarge: "r6in.4xlarge",
    r6in_8xlarge: "r6in.8xlarge",
    r6in_large: "r6in.large",
    r6in_metal: "r6in.metal",
    r6in_xlarge: "r6in.xlarge",
    r7a_12xlarge: "r7a.12xlarge",
    r7a_16xlarge: "r7a.16xlarge",
    r7a_24xlarge: "r7a.24xlarge",
    r7a_2xlarge: "r7a.2xlarge",
    r7a_32xlarge: "r7a.32xlarge",
    r7a_48xlarge: "r7a.48xlarge",
    r7a_4xlarge: "r7a.4xlarge",
    r7a_8xlarge: "r7a.8xlarge",
    r7a_large: "r7a.large",
    r7a_medium: "r7a.medium",
    r7a_metal_48xl: "r7a.metal-48xl",
    r7a_xlarge: "r7a.xlarge",
    r7g_12xlarge: "r7g.12xlarge",
    r7g_16xlarge: "r7g.16xlarge",
    r7g_2xlarge: "r7g.2xlarge",
    r7g_4xlarge: "r7g.4xlarge",
    r7g_8xlarge: "r7g.8xlarge",
    r7g_large: "r7g.large",
    r7g_medium: "r7g.medium",
    r7g_metal: "r7g.metal",
    r7g_xlarge: "r7g.xlarge",
    r7gd_12xlarge: "r7gd.12xlarge",
    r7gd_16xlarge: "r7gd.16xlarge",
    r7gd_2xlarge: "r7gd.2xlarge",
    r7gd_4xlarge: "r7gd.4xlarge",
    r7gd_8xlarge: "r7gd.8xlarge",
    r7gd_large: "r7gd.large",
    r7gd_medium: "r7gd.medium",
    r7gd_metal: "r7gd.metal",
    r7gd_xlarge: "r7gd.xlarge",
    r7i_12xlarge: "r7i.12xlarge",
    r7i_16xlarge: "r7i.16xlarge",
    r7i_24xlarge: "r7i.24xlarge",
    r7i_2xlarge: "r7i.2xlarge",
    r7i_48xlarge: "r7i.48xlarge",
    r7i_4xlarge: "r7i.4xlarge",
    r7i_8xlarge: "r7i.8xlarge",
    r7i_large: "r7i.large",
    r7i_metal_24xl: "r7i.metal-24xl",
    r7i_metal_48xl: "r7i.metal-48xl",
    r7i_xlarge: "r7i.xlarge",
    r7iz_12xlarge: "r7iz.12xlarge",
    r7iz_16xlarge: "r7iz.16xlarge",
    r7iz_2xlarge: "r7iz.2xlarge",
    r7iz_32xlarge: "r7iz.32xlarge",
    r7iz_4xlarge: "r7iz.4xlarge",
    r7iz_8xlarge: "r7iz.8xlarge",
    r7iz_large: "r7iz.large",
    r7iz_metal_16xl: "r7iz.metal-16xl",
    r7iz_metal_32xl: "r7iz.metal-32xl",
    r7iz_xlarge: "r7iz.xlarge",
    r8a_12xlarge: "r8a.12xlarge",
    r8a_16xlarge: "r8a.16xlarge",
    r8a_24xlarge: "r8a.24xlarge",
    r8a_2xlarge: "r8a.2xlarge",
    r8a_48xlarge: "r8a.48xlarge",
    r8a_4xlarge: "r8a.4xlarge",
    r8a_8xlarge: "r8a.8xlarge",
    r8a_large: "r8a.large",
    r8a_medium: "r8a.medium",
    r8a_metal_24xl: "r8a.metal-24xl",
    r8a_metal_48xl: "r8a.metal-48xl",
    r8a_xlarge: "r8a.xlarge",
    r8g_12xlarge: "r8g.12xlarge",
    r8g_16xlarge: "r8g.16xlarge",
    r8g_24xlarge: "r8g.24xlarge",
    r8g_2xlarge: "r8g.2xlarge",
    r8g_48xlarge: "r8g.48xlarge",
    r8g_4xlarge: "r8g.4xlarge",
    r8g_8xlarge: "r8g.8xlarge",
    r8g_large: "r8g.large",
    r8g_medium: "r8g.medium",
    r8g_metal_24xl: "r8g.metal-24xl",
    r8g_metal_48xl: "r8g.metal-48xl",
    r8g_xlarge: "r8g.xlarge",
    r8gb_12xlarge: "r8gb.12xlarge",
    r8gb_16xlarge: "r8gb.16xlarge",
    r8gb_24xlarge: "r8gb.24xlarge",
    r8gb_2xlarge: "r8gb.2xlarge",
    r8gb_48xlarge: "r8gb.48xlarge",
    r8gb_4xlarge: "r8gb.4xlarge",
    r8gb_8xlarge: "r8gb.8xlarge",
    r8gb_large: "r8gb.large",
    r8gb_medium: "r8gb.medium",
    r8gb_metal_24xl: "r8gb.metal-24xl",
    r8gb_metal_48xl: "r8gb.metal-48xl",
    r8gb_xlarge: "r8gb.xlarge",
    r8gd_12xlarge: "r8gd.12xlarge",
    r8gd_16xlarge: "r8gd.16xlarge",
    r8gd_24xlarge: "r8gd.24xlarge",
    r8gd_2xlarge: "r8gd.2xlarge",
    r8gd_48xlarge: "r8gd.48xlarge",
    r8gd_4xlarge: "r8gd.4xlarge",
    r8gd_8xlarge: "r8gd.8xlarge",
    r8gd_large: "r8gd.large",
    r8gd_medium: "r8gd.medium",
    r8gd_metal_24xl: "r8gd.metal-24xl",
    r8gd_metal_48xl: "r8gd.metal-48xl",
    r8gd_xlarge: "r8gd.xlarge",
    r8gn_12xlarge: "r8gn.12xlarge",
    r8gn_16xlarge: "r8gn.16xlarge",
    r8gn_24xlarge: "r8gn.24xlarge",
    r8gn_2xlarge: "r8gn.2xlarge",
    r8gn_48xlarge: "r8gn.48xlarge",
    r8gn_4xlarge: "r8gn.4xlarge",
    r8gn_8xlarge: "r8gn.8xlarge",
    r8gn_large: "r8gn.large",
    r8gn_medium: "r8gn.medium",
    r8gn_metal_24xl: "r8gn.metal-24xl",
    r8gn_metal_48xl: "r8gn.metal-48xl",
    r8gn_xlarge: "r8gn.xlarge",
    r8i_12xlarge: "r8i.12xlarge",
    r8i_16xlarge: "r8i.16xlarge",
    r8i_24xlarge: "r8i.24xlarge",
    r8i_2xlarge: "r8i.2xlarge",
    r8i_32xlarge: "r8i.32xlarge",
    r8i_48xlarge: "r8i.48xlarge",
    r8i_4xlarge: "r8i.4xlarge",
    r8i_8xlarge: "r8i.8xlarge",
    r8i_96xlarge: "r8i.96xlarge",
    r8i_flex_12xlarge: "r8i-flex.12xlarge",
    r8i_flex_16xlarge: "r8i-flex.16xlarge",
    r8i_flex_2xlarge: "r8i-flex.2xlarge",
    r8i_flex_4xlarge: "r8i-flex.4xlarge",
    r8i_flex_8xlarge: "r8i-flex.8xlarge",
    r8i_flex_large: "r8i-flex.large",
    r8i_flex_xlarge: "r8i-flex.xlarge",
    r8i_large: "r8i.large",
    r8i_metal_48xl: "r8i.metal-48xl",
    r8i_metal_96xl: "r8i.metal-96xl",
    r8i_xlarge: "r8i.xlarge",
    r8ib_12xlarge: "r8ib.12xlarge",
    r8ib_16xlarge: "r8ib.16xlarge",
    r8ib_24xlarge: "r8ib.24xlarge",
    r8ib_2xlarge: "r8ib.2xlarge",
    r8ib_32xlarge: "r8ib.32xlarge",
    r8ib_48xlarge: "r8ib.48xlarge",
    r8ib_4xlarge: "r8ib.4xlarge",
    r8ib_8xlarge: "r8ib.8xlarge",
    r8ib_96xlarge: "r8ib.96xlarge",
    r8ib_large: "r8ib.large",
    r8ib_metal_48xl: "r8ib.metal-48xl",
    r8ib_metal_96xl: "r8ib.metal-96xl",
    r8ib_xlarge: "r8ib.xlarge",
    r8id_12xlarge: "r8id.12xlarge",
    r8id_16xlarge: "r8id.16xlarge",
    r8id_24xlarge: "r8id.24xlarge",
    r8id_2xlarge: "r8id.2xlarge",
    r8id_32xlarge: "r8id.32xlarge",
    r8id_48xlarge: "r8id.48xlarge",
    r8id_4xlarge: "r8id.4xlarge",
    r8id_8xlarge: "r8id.8xlarge",
    r8id_96xlarge: "r8id.96xlarge",
    r8id_large: "r8id.large",
    r8id_metal_48xl: "r8id.metal-48xl",
    r8id_metal_96xl: "r8id.metal-96xl",
    r8id_xlarge: "r8id.xlarge",
    r8idb_12xlarge: "r8idb.12xlarge",
    r8idb_16xlarge: "r8idb.16xlarge",
    r8idb_24xlarge: "r8idb.24xlarge",
    r8idb_2xlarge: "r8idb.2xlarge",
    r8idb_32xlarge: "r8idb.32xlarge",
    r8idb_48xlarge: "r8idb.48xlarge",
    r8idb_4xlarge: "r8idb.4xlarge",
    r8idb_8xlarge: "r8idb.8xlarge",
    r8idb_96xlarge: "r8idb.96xlarge",
    r8idb_large: "r8idb.large",
    r8idb_metal_48xl: "r8idb.metal-48xl",
    r8idb_metal_96xl: "r8idb.metal-96xl",
    r8idb_xlarge: "r8idb.xlarge",
    r8idn_12xlarge: "r8idn.12xlarge",
    r8idn_16xlarge: "r8idn.16xlarge",
    r8idn_24xlarge: "r8idn.24xlarge",
    r8idn_2xlarge: "r8idn.2xlarge",
    r8idn_32xlarge: "r8idn.32xlarge",
    r8idn_48xlarge: "r8idn.48xlarge",
    r8idn_4xlarge: "r8idn.4xlarge",
    r8idn_8xlarge: "r8idn.8xlarge",
    r8idn_96xlarge: "r8idn.96xlarge",
    r8idn_large: "r8idn.large",
    r8idn_metal_48xl: "r8idn.metal-48xl",
    r8idn_metal_96xl: "r8idn.metal-96xl",
    r8idn_xlarge: "r8idn.xlarge",
    r8in_12xlarge: "r8in.12xlarge",
    r8in_16xlarge: "r8in.16xlarge",
    r8in_24xlarge: "r8in.24xlarge",
    r8in_2xlarge: "r8in.2xlarge",
    r8in_32xlarge: "r8in.32xlarge",
    r8in_48xlarge: "r8in.48xlarge",
    r8in_4xlarge: "r8in.4xlarge",
    r8in_8xlarge: "r8in.8xlarge",
    r8in_96xlarge: "r8in.96xlarge",
    r8in_large: "r8in.large",
    r8in_metal_48xl: "r8in.metal-48xl",
    r8in_metal_96xl: "r8in.metal-96xl",
    r8in_xlarge: "r8in.xlarge",
    r9g_12xlarge: "r9g.12xlarge",
    r9g_16xlarge: "r9g.16xlarge",
    r9g_24xlarge: "r9g.24xlarge",
    r9g_2xlarge: "r9g.2xlarge",
    r9g_48xlarge: "r9g.48xlarge",
    r9g_4xlarge: "r9g.4xlarge",
    r9g_8xlarge: "r9g.8xlarge",
    r9g_large: "r9g.large",
    r9g_medium: "r9g.medium",
    r9g_metal_48xl: "r9g.metal-48xl",
    r9g_xlarge: "r9g.xlarge",
    r9gd_12xlarge: "r9gd.12xlarge",
    r9gd_16xlarge: "r9gd.16xlarge",
    r9gd_24xlarge: "r9gd.24xlarge",
    r9gd_2xlarge: "r9gd.2xlarge",
    r9gd_48xlarge: "r9gd.48xlarge",
    r9gd_4xlarge: "r9gd.4xlarge",
    r9gd_8xlarge: "r9gd.8xlarge",
    r9gd_large: "r9gd.large",
    r9gd_medium: "r9gd.medium",
    r9gd_metal_48xl: "r9gd.metal-48xl",
    r9gd_xlarge: "r9gd.xlarge",
    t1_micro: "t1.micro",
    t2_2xlarge: "t2.2xlarge",
    t2_large: "t2.large",
    t2_medium: "t2.medium",
    t2_micro: "t2.micro",
    t2_nano: "t2.nano",
    t2_small: "t2.small",
    t2_xlarge: "t2.xlarge",
    t3_2xlarge: "t3.2xlarge",
    t3_large: "t3.large",
    t3_medium: "t3.medium",
    t3_micro: "t3.micro",
    t3_nano: "t3.nano",
    t3_small: "t3.small",
    t3_xlarge: "t3.xlarge",
    t3a_2xlarge: "t3a.2xlarge",
    t3a_large: "t3a.large",
    t3a_medium: "t3a.medium",
    t3a_micro: "t3a.micro",
    t3a_nano: "t3a.nano",
    t3a_small: "t3a.small",
    t3a_xlarge: "t3a.xlarge",
    t4g_2xlarge: "t4g.2xlarge",
    t4g_large: "t4g.large",
    t4g_medium: "t4g.medium",
    t4g_micro: "t4g.micro",
    t4g_nano: "t4g.nano",
    t4g_small: "t4g.small",
    t4g_xlarge: "t4g.xlarge",
    t8i_medium: "t8i.medium",
    t8i_micro: "t8i.micro",
    t8i_nano: "t8i.nano",
    t8i_small: "t8i.small",
    trn1_2xlarge: "trn1.2xlarge",
    trn1_32xlarge: "trn1.32xlarge",
    trn1n_32xlarge: "trn1n.32xlarge",
    trn2_3xlarge: "trn2.3xlarge",
    trn2_48xlarge: "trn2.48xlarge",
    trn2u_48xlarge: "trn2u.48xlarge",
    u7i_12tb_224xlarge: "u7i-12tb.224xlarge",
    u7i_6tb_112xlarge: "u7i-6tb.112xlarge",
    u7i_8tb_112xlarge: "u7i-8tb.112xlarge",
    u7ib_12tb_224xlarge: "u7ib-12tb.224xlarge",
    u7in_16tb_224xlarge: "u7in-16tb.224xlarge",
    u7in_24tb_224xlarge: "u7in-24tb.224xlarge",
    u7in_32tb_224xlarge: "u7in-32tb.224xlarge",
    u7inh_32tb_480xlarge: "u7inh-32tb.480xlarge",
    u_12tb1_112xlarge: "u-12tb1.112xlarge",
    u_12tb1_metal: "u-12tb1.metal",
    u_18tb1_112xlarge: "u-18tb1.112xlarge",
    u_18tb1_metal: "u-18tb1.metal",
    u_24tb1_112xlarge: "u-24tb1.112xlarge",
    u_24tb1_metal: "u-24tb1.metal",
    u_3tb1_56xlarge: "u-3tb1.56xlarge",
    u_6tb1_112xlarge: "u-6tb1.112xlarge",
    u_6tb1_56xlarge: "u-6tb1.56xlarge",
    u_6tb1_metal: "u-6tb1.metal",
    u_9tb1_112xlarge: "u-9tb1.112xlarge",
    u_9tb1_metal: "u-9tb1.metal",
    vt1_24xlarge: "vt1.24xlarge",
    vt1_3xlarge: "vt1.3xlarge",
    vt1_6xlarge: "vt1.6xlarge",
    x1_16xlarge: "x1.16xlarge",
    x1_32xlarge: "x1.32xlarge",
    x1e_16xlarge: "x1e.16xlarge",
    x1e_2xlarge: "x1e.2xlarge",
    x1e_32xlarge: "x1e.32xlarge",
    x1e_4xlarge: "x1e.4xlarge",
    x1e_8xlarge: "x1e.8xlarge",
    x1e_xlarge: "x1e.xlarge",
    x2gd_12xlarge: "x2gd.12xlarge",
    x2gd_16xlarge: "x2gd.16xlarge",
    x2gd_2xlarge: "x2gd.2xlarge",
    x2gd_4xlarge: "x2gd.4xlarge",
    x2gd_8xlarge: "x2gd.8xlarge",
    x2gd_large: "x2gd.large",
    x2gd_medium: "x2gd.medium",
    x2gd_metal: "x2gd.metal",
    x2gd_xlarge: "x2gd.xlarge",
    x2idn_16xlarge: "x2idn.16xlarge",
    x2idn_24xlarge: "x2idn.24xlarge",
    x2idn_32xlarge: "x2idn.32xlarge",
    x2idn_metal: "x2idn.metal",
    x2iedn_16xlarge: "x2iedn.16xlarge",
    x2iedn_24xlarge: "x2iedn.24xlarge",
    x2iedn_2xlarge: "x2iedn.2xlarge",
    x2iedn_32xlarge: "x2iedn.32xlarge",
    x2iedn_4xlarge: "x2iedn.4xlarge",
    x2iedn_8xlarge: "x2iedn.8xlarge",
    x2iedn_metal: "x2iedn.metal",
    x2iedn_xlarge: "x2iedn.xlarge",
    x2iezn_12xlarge: "x2iezn.12xlarge",
    x2iezn_2xlarge: "x2iezn.2xlarge",
    x2iezn_4xlarge: "x2iezn.4xlarge",
    x2iezn_6xlarge: "x2iezn.6xlarge",
    x2iezn_8xlarge: "x2iezn.8xlarge",
    x2iezn_metal: "x2iezn.metal",
    x8aedz_12xlarge: "x8aedz.12xlarge",
    x8aedz_24xlarge: "x8aedz.24xlarge",
    x8aedz_3xlarge: "x8aedz.3xlarge",
    x8aedz_6xlarge: "x8aedz.6xlarge",
    x8aedz_large: "x8aedz.large",
    x8aedz_metal_12xl: "x8aedz.metal-12xl",
    x8aedz_metal_24xl: "x8aedz.metal-24xl",
    x8aedz_xlarge: "x8aedz.xlarge",
    x8g_12xlarge: "x8g.12xlarge",
    x8g_16xlarge: "x8g.16xlarge",
    x8g_24xlarge: "x8g.24xlarge",
    x8g_2xlarge: "x8g.2xlarge",
    x8g_48xlarge: "x8g.48xlarge",
    x8g_4xlarge: "x8g.4xlarge",
    x8g_8xlarge: "x8g.8xlarge",
    x8g_large: "x8g.large",
    x8g_medium: "x8g.medium",
    x8g_metal_24xl: "x8g.metal-24xl",
    x8g_metal_48xl: "x8g.metal-48xl",
    x8g_xlarge: "x8g.xlarge",
    x8i_12xlarge: "x8i.12xlarge",
    x8i_16xlarge: "x8i.16xlarge",
    x8i_24xlarge: "x8i.24xlarge",
    x8i_2xlarge: "x8i.2xlarge",
    x8i_32xlarge: "x8i.32xlarge",
    x8i_48xlarge: "x8i.48xlarge",
    x8i_4xlarge: "x8i.4xlarge",
    x8i_64xlarge: "x8i.64xlarge",
    x8i_8xlarge: "x8i.8xlarge",
    x8i_96xlarge: "x8i.96xlarge",
    x8i_large: "x8i.large",
    x8i_metal_48xl: "x8i.metal-48xl",
    x8i_metal_96xl: "x8i.metal-96xl",
    x8i_xlarge: "x8i.xlarge",
    z1d_12xlarge: "z1d.12xlarge",
    z1d_2xlarge: "z1d.2xlarge",
    z1d_3xlarge: "z1d.3xlarge",
    z1d_6xlarge: "z1d.6xlarge",
    z1d_large: "z1d.large",
    z1d_metal: "z1d.metal",
    z1d_xlarge: "z1d.xlarge",
};
const FleetCapacityReservationTenancy = {
    default: "default",
};
const CarrierGatewayState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const ClientVpnAuthenticationType = {
    certificate_authentication: "certificate-authentication",
    directory_service_authentication: "directory-service-authentication",
    federated_authentication: "federated-authentication",
};
const ClientVpnDeviceTrustProviderType = {
    crowdstrike: "crowdstrike",
    jamf: "jamf",
    jumpcloud: "jumpcloud",
};
const EndpointIpAddressType = {
    dual_stack: "dual-stack",
    ipv4: "ipv4",
    ipv6: "ipv6",
};
const SelfServicePortal = {
    disabled: "disabled",
    enabled: "enabled",
};
const TrafficIpAddressType = {
    dual_stack: "dual-stack",
    ipv4: "ipv4",
    ipv6: "ipv6",
};
const TransportProtocol = {
    tcp: "tcp",
    udp: "udp",
};
const ClientVpnEndpointStatusCode = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
    pending_associate: "pending-associate",
};
const ClientVpnRouteStatusCode = {
    active: "active",
    creating: "creating",
    deleting: "deleting",
    failed: "failed",
};
const GatewayType = {
    ipsec_1: "ipsec.1",
};
const BlockPublicAccessMode = {
    block_bidirectional: "block-bidirectional",
    block_ingress: "block-ingress",
    off: "off",
};
const HostnameType = {
    ip_name: "ip-name",
    resource_name: "resource-name",
};
const SubnetState = {
    available: "available",
    failed: "failed",
    failed_insufficient_capacity: "failed-insufficient-capacity",
    pending: "pending",
    unavailable: "unavailable",
};
const VpcEncryptionControlMode = {
    enforce: "enforce",
    monitor: "monitor",
};
const VpcEncryptionControlState = {
    available: "available",
    creating: "creating",
    delete_failed: "delete-failed",
    deleted: "deleted",
    deleting: "deleting",
    enforce_failed: "enforce-failed",
    enforce_in_progress: "enforce-in-progress",
    monitor_failed: "monitor-failed",
    monitor_in_progress: "monitor-in-progress",
};
const Tenancy = {
    dedicated: "dedicated",
    default: "default",
    host: "host",
};
const VpcState = {
    available: "available",
    deleting: "deleting",
    pending: "pending",
};
const MacSystemIntegrityProtectionSettingStatus = {
    disabled: "disabled",
    enabled: "enabled",
};
const MacModificationTaskState = {
    failed: "failed",
    inprogress: "in-progress",
    pending: "pending",
    successful: "successful",
};
const MacModificationTaskType = {
    SIPModification: "sip-modification",
    VolumeOwnershipDelegation: "volume-ownership-delegation",
};
const FleetExcessCapacityTerminationPolicy = {
    NO_TERMINATION: "no-termination",
    TERMINATION: "termination",
};
const FleetInstanceMetadataEndpointState = {
    DISABLED: "disabled",
    ENABLED: "enabled",
};
const FleetHttpTokensState = {
    OPTIONAL: "optional",
    REQUIRED: "required",
};
const FleetOnDemandAllocationStrategy = {
    LOWEST_PRICE: "lowest-price",
    PRIORITIZED: "prioritized",
};
const FleetCapacityReservationUsageStrategy = {
    USE_CAPACITY_RESERVATIONS_FIRST: "use-capacity-reservations-first",
};
const ReservedCapacityAllocationStrategy = {
    PRIORITIZED: "prioritized",
};
const FleetReservationType = {
    CAPACITY_BLOCK: "capacity-block",
    INTERRUPTIBLE_CAPACITY_RESERVATION: "interruptible-capacity-reservation",
    ON_DEMAND_CAPACITY_RESERVATION: "on-demand-capacity-reservation",
};
const ReservedCapacityFallbackMarketType = {
    ON_DEMAND: "on-demand",
};
const SpotAllocationStrategy = {
    CAPACITY_OPTIMIZED: "capacity-optimized",
    CAPACITY_OPTIMIZED_PRIORITIZED: "capacity-optimized-prioritized",
    DIVERSIFIED: "diversified",
    LOWEST_PRICE: "lowest-price",
    PRICE_CAPACITY_OPTIMIZED: "price-capacity-optimized",
};
const SpotInstanceInterruptionBehavior = {
    hibernate: "hibernate",
    stop: "stop",
    terminate: "terminate",
};
const FleetReplacementStrategy = {
    LAUNCH: "launch",
    LAUNCH_BEFORE_TERMINATE: "launch-before-terminate",
};
const DefaultTargetCapacityType = {
    CAPACITY_BLOCK: "capacity-block",
    ON_DEMAND: "on-demand",
    RESERVED_CAPACITY: "reserved-capacity",
    SPOT: "spot",
};
const TargetCapacityUnitType = {
    MEMORY_MIB: "memory-mib",
    UNITS: "units",
    VCPU: "vcpu",
};
const FleetType = {
    INSTANT: "instant",
    MAINTAIN: "maintain",
    REQUEST: "request",
};
const InstanceLifecycle = {
    CAPACITY_BLOCK: "capacity-block",
    INTERRUPTIBLE_CAPACITY_RESERVATION: "interruptible-capacity-reservation",
    ON_DEMAND: "on-demand",
    SPOT: "spot",
};
const PlatformValues = {
    Windows: "Windows",
};
const DestinationFileFormat = {
    parquet: "parquet",
    plain_text: "plain-text",
};
const LogDestinationType = {
    cloud_watch_logs: "cloud-watch-logs",
    kinesis_data_firehose: "kinesis-data-firehose",
    s3: "s3",
};
const FlowLogsResourceType = {
    CoreNetwork: "CoreNetwork",
    CoreNetworkAttachment: "CoreNetworkAttachment",
    CoreNetworkEdge: "CoreNetworkEdge",
    NetworkInterface: "NetworkInterface",
    RegionalNatGateway: "RegionalNatGateway",
    Subnet: "Subnet",
    TransitGateway: "TransitGateway",
    TransitGatewayAttachment: "TransitGatewayAttachment",
    VPC: "VPC",
};
const TaggableResourceType = {
    auto_scaling_group: "auto-scaling-group",
    instance: "instance",
    network_interface: "network-interface",
};
const TrafficType = {
    ACCEPT: "ACCEPT",
    ALL: "ALL",
    REJECT: "REJECT",
};
const BootModeOverrideValues = {
    uefi: "uefi",
};
const SnapshotLocationEnum = {
    LOCAL: "local",
    REGIONAL: "regional",
};
const IpAddressType = {
    dualstack: "dualstack",
    ipv4: "ipv4",
    ipv6: "ipv6",
};
const Ec2InstanceConnectEndpointState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    update_complete: "update-complete",
    update_failed: "update-failed",
    update_in_progress: "update-in-progress",
};
const ContainerFormat = {
    ova: "ova",
};
const DiskImageFormat = {
    RAW: "RAW",
    VHD: "VHD",
    VMDK: "VMDK",
};
const ExportEnvironment = {
    citrix: "citrix",
    microsoft: "microsoft",
    vmware: "vmware",
};
const ExportTaskState = {
    active: "active",
    cancelled: "cancelled",
    cancelling: "cancelling",
    completed: "completed",
};
const IpamMeteredAccount = {
    ipam_owner: "ipam-owner",
    resource_owner: "resource-owner",
};
const IpamTier = {
    advanced: "advanced",
    free: "free",
};
const IpamState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    isolate_complete: "isolate-complete",
    isolate_in_progress: "isolate-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_in_progress: "restore-in-progress",
};
const IpamExternalResourceVerificationTokenState = {
    CREATE_COMPLETE: "create-complete",
    CREATE_FAILED: "create-failed",
    CREATE_IN_PROGRESS: "create-in-progress",
    DELETE_COMPLETE: "delete-complete",
    DELETE_FAILED: "delete-failed",
    DELETE_IN_PROGRESS: "delete-in-progress",
};
const TokenState = {
    expired: "expired",
    valid: "valid",
};
const Rir = {
    apnic: "apnic",
    arin: "arin",
    lacnic: "lacnic",
    nicbr: "nicbr",
    ripe: "ripe",
};
const IpamInternetRegistryAssociationState = {
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    disable_complete: "disable-complete",
    disable_failed: "disable-failed",
    disable_in_progress: "disable-in-progress",
    enable_complete: "enable-complete",
    enable_failed: "enable-failed",
    enable_in_progress: "enable-in-progress",
    pending_enable: "pending-enable",
};
const IpamPolicyState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    isolate_complete: "isolate-complete",
    isolate_in_progress: "isolate-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_in_progress: "restore-in-progress",
};
const IpamPoolAwsService = {
    ec2: "ec2",
    global_services: "global-services",
};
const IpamPoolPublicIpSource = {
    amazon: "amazon",
    byoip: "byoip",
};
const IpamPoolSourceResourceType = {
    vpc: "vpc",
};
const IpamScopeType = {
    private: "private",
    public: "public",
};
const IpamPoolState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    isolate_complete: "isolate-complete",
    isolate_in_progress: "isolate-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_in_progress: "restore-in-progress",
};
const IpamPrefixListResolverRuleConditionOperation = {
    equals: "equals",
    not_equals: "not-equals",
    subnet_of: "subnet-of",
};
const IpamResourceType = {
    anycast_ip_list: "anycast-ip-list",
    eip: "eip",
    eni: "eni",
    ipv6_pool: "ipv6-pool",
    public_ipv4_pool: "public-ipv4-pool",
    subnet: "subnet",
    vpc: "vpc",
};
const IpamPrefixListResolverRuleType = {
    ipam_pool_cidr: "ipam-pool-cidr",
    ipam_resource_cidr: "ipam-resource-cidr",
    static_cidr: "static-cidr",
};
const IpamPrefixListResolverVersionCreationStatus = {
    failure: "failure",
    pending: "pending",
    success: "success",
};
const IpamPrefixListResolverState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    isolate_complete: "isolate-complete",
    isolate_in_progress: "isolate-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_in_progress: "restore-in-progress",
};
const IpamPrefixListResolverTargetState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    isolate_complete: "isolate-complete",
    isolate_in_progress: "isolate-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_in_progress: "restore-in-progress",
    sync_complete: "sync-complete",
    sync_failed: "sync-failed",
    sync_in_progress: "sync-in-progress",
};
const IpamResourceDiscoveryState = {
    CREATE_COMPLETE: "create-complete",
    CREATE_FAILED: "create-failed",
    CREATE_IN_PROGRESS: "create-in-progress",
    DELETE_COMPLETE: "delete-complete",
    DELETE_FAILED: "delete-failed",
    DELETE_IN_PROGRESS: "delete-in-progress",
    ISOLATE_COMPLETE: "isolate-complete",
    ISOLATE_IN_PROGRESS: "isolate-in-progress",
    MODIFY_COMPLETE: "modify-complete",
    MODIFY_FAILED: "modify-failed",
    MODIFY_IN_PROGRESS: "modify-in-progress",
    RESTORE_IN_PROGRESS: "restore-in-progress",
};
const IpamScopeExternalAuthorityType = {
    infoblox: "infoblox",
};
const IpamScopeState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    isolate_complete: "isolate-complete",
    isolate_in_progress: "isolate-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_in_progress: "restore-in-progress",
};
const KeyFormat = {
    pem: "pem",
    ppk: "ppk",
};
const KeyType = {
    ed25519: "ed25519",
    rsa: "rsa",
};
const CapacityReservationPreference = {
    capacity_reservations_only: "capacity-reservations-only",
    none: "none",
    open: "open",
};
const AmdSevSnpSpecification = {
    disabled: "disabled",
    enabled: "enabled",
};
const NestedVirtualizationSpecification = {
    disabled: "disabled",
    enabled: "enabled",
};
const ShutdownBehavior = {
    stop: "stop",
    terminate: "terminate",
};
const MarketType = {
    capacity_block: "capacity-block",
    interruptible_capacity_reservation: "interruptible-capacity-reservation",
    on_demand: "on-demand",
    spot: "spot",
};
const InstanceInterruptionBehavior = {
    hibernate: "hibernate",
    stop: "stop",
    terminate: "terminate",
};
const SpotInstanceType = {
    one_time: "one-time",
    persistent: "persistent",
};
const LaunchTemplateAutoRecoveryState = {
    default: "default",
    disabled: "disabled",
};
const LaunchTemplateInstanceMetadataEndpointState = {
    disabled: "disabled",
    enabled: "enabled",
};
const LaunchTemplateInstanceMetadataProtocolIpv6 = {
    disabled: "disabled",
    enabled: "enabled",
};
const LaunchTemplateHttpTokensState = {
    optional: "optional",
    required: "required",
};
const LaunchTemplateInstanceMetadataTagsState = {
    disabled: "disabled",
    enabled: "enabled",
};
const InstanceBandwidthWeighting = {
    DEFAULT: "default",
    EBS_1: "ebs-1",
    VPC_1: "vpc-1",
};
const SecondaryInterfaceType = {
    SECONDARY: "secondary",
};
const LaunchTemplateInstanceMetadataOptionsState = {
    applied: "applied",
    pending: "pending",
};
const LocalGatewayRouteState = {
    active: "active",
    blackhole: "blackhole",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const LocalGatewayRouteType = {
    propagated: "propagated",
    static: "static",
};
const LocalGatewayRouteTableMode = {
    coip: "coip",
    direct_vpc_routing: "direct-vpc-routing",
};
const LocalGatewayVirtualInterfaceConfigurationState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const LocalGatewayVirtualInterfaceGroupConfigurationState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    incomplete: "incomplete",
    pending: "pending",
};
const PrefixListState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
    modify_complete: "modify-complete",
    modify_failed: "modify-failed",
    modify_in_progress: "modify-in-progress",
    restore_complete: "restore-complete",
    restore_failed: "restore-failed",
    restore_in_progress: "restore-in-progress",
};
const AvailabilityMode = {
    REGIONAL: "regional",
    ZONAL: "zonal",
};
const ConnectivityType = {
    PRIVATE: "private",
    PUBLIC: "public",
};
const NatGatewayApplianceState = {
    ATTACHED: "attached",
    ATTACHING: "attaching",
    ATTACH_FAILED: "attach-failed",
    DETACHED: "detached",
    DETACHING: "detaching",
    DETACH_FAILED: "detach-failed",
};
const NatGatewayApplianceModifyState = {
    COMPLETED: "completed",
    FAILED: "failed",
    MODIFYING: "modifying",
};
const NatGatewayApplianceType = {
    NETWORK_FIREWALL_PROXY: "network-firewall-proxy",
};
const AutoProvisionZonesState = {
    DISABLED: "disabled",
    ENABLED: "enabled",
};
const AutoScalingIpsState = {
    DISABLED: "disabled",
    ENABLED: "enabled",
};
const NatGatewayState = {
    AVAILABLE: "available",
    DELETED: "deleted",
    DELETING: "deleting",
    FAILED: "failed",
    PENDING: "pending",
};
const RuleAction = {
    allow: "allow",
    deny: "deny",
};
const FlexCostAllocationCostDimension = {
    DATA_PROCESSING: "data-processing",
    DATA_TRANSFER: "data-transfer",
};
const FlexCostAllocationReportingGranularity = {
    ACCOUNT: "account",
    CIDR: "cidr",
    EC2: "ec2",
    ENI: "eni",
    PEERING_ID: "peering-id",
    SUBNET: "subnet",
    VPC: "vpc",
};
const FlexCostAllocationNetworkResourceType = {
    EC2: "ec2",
    NATGW: "natgw",
    PCX: "pcx",
};
const NetworkInterfaceCreationType = {
    branch: "branch",
    efa: "efa",
    efa_only: "efa-only",
    trunk: "trunk",
};
const NetworkInterfaceType = {
    api_gateway_managed: "api_gateway_managed",
    aws_codestar_connections_managed: "aws_codestar_connections_managed",
    branch: "branch",
    efa: "efa",
    efa_only: "efa-only",
    gateway_load_balancer: "gateway_load_balancer",
    gateway_load_balancer_endpoint: "gateway_load_balancer_endpoint",
    global_accelerator_managed: "global_accelerator_managed",
    interface: "interface",
    iot_rules_managed: "iot_rules_managed",
    lambda: "lambda",
    load_balancer: "load_balancer",
    natGateway: "natGateway",
    network_load_balancer: "network_load_balancer",
    quicksight: "quicksight",
    transit_gateway: "transit_gateway",
    trunk: "trunk",
    vpc_endpoint: "vpc_endpoint",
};
const NetworkInterfaceStatus = {
    associated: "associated",
    attaching: "attaching",
    available: "available",
    detaching: "detaching",
    in_use: "in-use",
};
const InterfacePermissionType = {
    EIP_ASSOCIATE: "EIP-ASSOCIATE",
    INSTANCE_ATTACH: "INSTANCE-ATTACH",
};
const NetworkInterfacePermissionStateCode = {
    granted: "granted",
    pending: "pending",
    revoked: "revoked",
    revoking: "revoking",
};
const SpreadLevel = {
    host: "host",
    rack: "rack",
};
const PlacementStrategy = {
    cluster: "cluster",
    partition: "partition",
    precision_time: "precision-time",
    spread: "spread",
};
const PlacementGroupState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const ReplaceRootVolumeTaskState = {
    failed: "failed",
    failed_detached: "failed-detached",
    failing: "failing",
    in_progress: "in-progress",
    pending: "pending",
    succeeded: "succeeded",
};
const RouteServerPersistRoutesAction = {
    DISABLE: "disable",
    ENABLE: "enable",
    RESET: "reset",
};
const RouteServerPersistRoutesState = {
    DISABLED: "disabled",
    DISABLING: "disabling",
    ENABLED: "enabled",
    ENABLING: "enabling",
    MODIFYING: "modifying",
    RESETTING: "resetting",
};
const RouteServerState = {
    AVAILABLE: "available",
    DELETED: "deleted",
    DELETING: "deleting",
    MODIFYING: "modifying",
    PENDING: "pending",
};
const RouteServerEndpointState = {
    AVAILABLE: "available",
    DELETED: "deleted",
    DELETE_FAILED: "delete-failed",
    DELETING: "deleting",
    FAILED: "failed",
    FAILING: "failing",
    PENDING: "pending",
};
const RouteServerPeerLivenessMode = {
    BFD: "bfd",
    BGP_KEEPALIVE: "bgp-keepalive",
};
const RouteServerBfdState = {
    DOWN: "down",
    UP: "up",
};
const RouteServerBgpState = {
    DOWN: "down",
    UP: "up",
};
const RouteServerPeerState = {
    AVAILABLE: "available",
    DELETED: "deleted",
    DELETING: "deleting",
    FAILED: "failed",
    FAILING: "failing",
    PENDING: "pending",
};
const RouteOrigin = {
    Advertisement: "Advertisement",
    CreateRoute: "CreateRoute",
    CreateRouteTable: "CreateRouteTable",
    EnableVgwRoutePropagation: "EnableVgwRoutePropagation",
};
const RouteState = {
    active: "active",
    blackhole: "blackhole",
    filtered: "filtered",
};
const SecondaryNetworkType = {
    rdma: "rdma",
};
const SecondaryNetworkCidrBlockAssociationState = {
    associated: "associated",
    associating: "associating",
    association_failed: "association-failed",
    disassociated: "disassociated",
    disassociating: "disassociating",
    disassociation_failed: "disassociation-failed",
};
const SecondaryNetworkState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
};
const SecondarySubnetCidrBlockAssociationState = {
    associated: "associated",
    associating: "associating",
    association_failed: "association-failed",
    disassociated: "disassociated",
    disassociating: "disassociating",
    disassociation_failed: "disassociation-failed",
};
const SecondarySubnetState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_failed: "delete-failed",
    delete_in_progress: "delete-in-progress",
};
const SnapshotState = {
    completed: "completed",
    error: "error",
    pending: "pending",
    recoverable: "recoverable",
    recovering: "recovering",
};
const StorageTier = {
    archive: "archive",
    standard: "standard",
};
const TransferType = {
    standard: "standard",
    time_based: "time-based",
};
const CopyTagsFromSource = {
    volume: "volume",
};
const DatafeedSubscriptionState = {
    Active: "Active",
    Inactive: "Inactive",
};
const SubnetCidrReservationType = {
    explicit: "explicit",
    prefix: "prefix",
};
const TrafficMirrorRuleAction = {
    accept: "accept",
    reject: "reject",
};
const TrafficDirection = {
    egress: "egress",
    ingress: "ingress",
};
const TrafficMirrorNetworkService = {
    amazon_dns: "amazon-dns",
};
const TrafficMirrorTargetType = {
    gateway_load_balancer_endpoint: "gateway-load-balancer-endpoint",
    network_interface: "network-interface",
    network_load_balancer: "network-load-balancer",
};
const AutoAcceptSharedAttachmentsValue = {
    disable: "disable",
    enable: "enable",
};
const DefaultRouteTableAssociationValue = {
    disable: "disable",
    enable: "enable",
};
const DefaultRouteTablePropagationValue = {
    disable: "disable",
    enable: "enable",
};
const MulticastSupportValue = {
    disable: "disable",
    enable: "enable",
};
const VpnEcmpSupportValue = {
    disable: "disable",
    enable: "enable",
};
const EncryptionStateValue = {
    disabled: "disabled",
    disabling: "disabling",
    enabled: "enabled",
    enabling: "enabling",
};
const TransitGatewayState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    modifying: "modifying",
    pending: "pending",
};
const ProtocolValue = {
    gre: "gre",
};
const BgpStatus = {
    down: "down",
    up: "up",
};
const TransitGatewayConnectPeerState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const TransitGatewayMeteringPolicyState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    modifying: "modifying",
    pending: "pending",
};
const TransitGatewayMeteringPayerType = {
    destination_attachment_owner: "destination-attachment-owner",
    source_attachment_owner: "source-attachment-owner",
    transit_gateway_owner: "transit-gateway-owner",
};
const TransitGatewayMeteringPolicyEntryState = {
    available: "available",
    deleted: "deleted",
};
const AutoAcceptSharedAssociationsValue = {
    disable: "disable",
    enable: "enable",
};
const Igmpv2SupportValue = {
    disable: "disable",
    enable: "enable",
};
const StaticSourcesSupportValue = {
    disable: "disable",
    enable: "enable",
};
const TransitGatewayMulticastDomainState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const TransitGatewayPolicyTableState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const TransitGatewayPolicyTableEntryState = {
    active: "active",
    deleted: "deleted",
};
const TransitGatewayPrefixListReferenceState = {
    available: "available",
    deleting: "deleting",
    modifying: "modifying",
    pending: "pending",
};
const TransitGatewayRouteState = {
    active: "active",
    blackhole: "blackhole",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const TransitGatewayRouteType = {
    propagated: "propagated",
    static: "static",
    system: "system",
};
const TransitGatewayRouteTableState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const TransitGatewayRouteTableAnnouncementDirection = {
    incoming: "incoming",
    outgoing: "outgoing",
};
const TransitGatewayRouteTableAnnouncementState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    failed: "failed",
    failing: "failing",
    pending: "pending",
};
const VerifiedAccessEndpointAttachmentType = {
    vpc: "vpc",
};
const VerifiedAccessEndpointProtocol = {
    http: "http",
    https: "https",
    tcp: "tcp",
};
const VerifiedAccessEndpointType = {
    cidr: "cidr",
    load_balancer: "load-balancer",
    network_interface: "network-interface",
    rds: "rds",
};
const VerifiedAccessEndpointStatusCode = {
    active: "active",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
    updating: "updating",
};
const VpcEncryptionControlExclusionStateInput = {
    disable: "disable",
    enable: "enable",
};
const InternetGatewayExclusionMode = {
    allow_bidirectional: "allow-bidirectional",
    allow_egress: "allow-egress",
};
const VpcBlockPublicAccessExclusionState = {
    create_complete: "create-complete",
    create_failed: "create-failed",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_in_progress: "delete-in-progress",
    disable_complete: "disable-complete",
    disable_in_progress: "disable-in-progress",
    update_complete: "update-complete",
    update_failed: "update-failed",
    update_in_progress: "update-in-progress",
};
const DnsRecordIpType = {
    dualstack: "dualstack",
    ipv4: "ipv4",
    ipv6: "ipv6",
    service_defined: "service-defined",
};
const VpcEndpointType = {
    Gateway: "Gateway",
    GatewayLoadBalancer: "GatewayLoadBalancer",
    Interface: "Interface",
    Resource: "Resource",
    ServiceNetwork: "ServiceNetwork",
    Tunnel: "Tunnel",
};
const PayerResponsibilityType = {
    ResourceGatewayAccount: "resource-gateway-account",
    VpcEndpointAccount: "vpc-endpoint-account",
    VpcEndpointServiceAccount: "vpc-endpoint-service-account",
};
const PayerResponsibilityScope = {
    ResourceGatewayCharges: "resource-gateway-charges",
    VpcEndpointCharges: "vpc-endpoint-charges",
};
const State = {
    Available: "Available",
    Deleted: "Deleted",
    Deleting: "Deleting",
    Expired: "Expired",
    Failed: "Failed",
    Partial: "Partial",
    Pending: "Pending",
    PendingAcceptance: "PendingAcceptance",
    Rejected: "Rejected",
};
const ConnectionNotificationState = {
    Disabled: "Disabled",
    Enabled: "Enabled",
};
const ConnectionNotificationType = {
    Topic: "Topic",
};
const PayerResponsibility = {
    ServiceOwner: "ServiceOwner",
};
const DnsNameState = {
    Failed: "failed",
    PendingVerification: "pendingVerification",
    Verified: "verified",
};
const ServiceState = {
    Available: "Available",
    Deleted: "Deleted",
    Deleting: "Deleting",
    Failed: "Failed",
    Pending: "Pending",
};
const ServiceType = {
    Gateway: "Gateway",
    GatewayLoadBalancer: "GatewayLoadBalancer",
    Interface: "Interface",
};
const ServiceConnectivityType = {
    ipv4: "ipv4",
    ipv6: "ipv6",
};
const VpnConcentratorType = {
    ipsec_1: "ipsec.1",
};
const VpnTunnelBandwidth = {
    large: "large",
    standard: "standard",
};
const TunnelInsideIpVersion = {
    ipv4: "ipv4",
    ipv6: "ipv6",
};
const GatewayAssociationState = {
    associated: "associated",
    associating: "associating",
    disassociating: "disassociating",
    not_associated: "not-associated",
};
const VpnStaticRouteSource = {
    Static: "Static",
};
const VpnState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const TelemetryStatus = {
    DOWN: "DOWN",
    UP: "UP",
};
const ClientVpnAuthorizationPolicyStatus = {
    active: "active",
    creating: "creating",
    deleting: "deleting",
    failed: "failed",
    updating: "updating",
};
const FleetStateCode = {
    ACTIVE: "active",
    DELETED: "deleted",
    DELETED_RUNNING: "deleted_running",
    DELETED_TERMINATING_INSTANCES: "deleted_terminating",
    FAILED: "failed",
    MODIFYING: "modifying",
    SUBMITTED: "submitted",
};
const DeleteFleetErrorCode = {
    FLEET_ID_DOES_NOT_EXIST: "fleetIdDoesNotExist",
    FLEET_ID_MALFORMED: "fleetIdMalformed",
    FLEET_NOT_IN_DELETABLE_STATE: "fleetNotInDeletableState",
    UNEXPECTED_ERROR: "unexpectedError",
};
const LaunchTemplateErrorCode = {
    LAUNCH_TEMPLATE_ID_DOES_NOT_EXIST: "launchTemplateIdDoesNotExist",
    LAUNCH_TEMPLATE_ID_MALFORMED: "launchTemplateIdMalformed",
    LAUNCH_TEMPLATE_NAME_DOES_NOT_EXIST: "launchTemplateNameDoesNotExist",
    LAUNCH_TEMPLATE_NAME_MALFORMED: "launchTemplateNameMalformed",
    LAUNCH_TEMPLATE_VERSION_DOES_NOT_EXIST: "launchTemplateVersionDoesNotExist",
    UNEXPECTED_ERROR: "unexpectedError",
};
const DeleteQueuedReservedInstancesErrorCode = {
    RESERVED_INSTANCES_ID_INVALID: "reserved-instances-id-invalid",
    RESERVED_INSTANCES_NOT_IN_QUEUED_STATE: "reserved-instances-not-in-queued-state",
    UNEXPECTED_ERROR: "unexpected-error",
};
const AsnState = {
    deprovisioned: "deprovisioned",
    failed_deprovision: "failed-deprovision",
    failed_provision: "failed-provision",
    pending_deprovision: "pending-deprovision",
    pending_provision: "pending-provision",
    provisioned: "provisioned",
};
const IpamPoolCidrFailureCode = {
    cidr_not_available: "cidr-not-available",
    limit_exceeded: "limit-exceeded",
};
const IpamPoolCidrState = {
    deprovisioned: "deprovisioned",
    failed_deprovision: "failed-deprovision",
    failed_import: "failed-import",
    failed_provision: "failed-provision",
    pending_deprovision: "pending-deprovision",
    pending_import: "pending-import",
    pending_provision: "pending-provision",
    provisioned: "provisioned",
};
const SnapshotReturnCodes = {
    ERROR_CODE_CLIENT_ERROR: "client-error",
    ERROR_CODE_INTERNAL_ERROR: "internal-error",
    ERROR_MISSING_PERMISSIONS: "missing-permissions",
    SUCCESS: "success",
    WARN_SKIPPED: "skipped",
};
const ApplicationStatusCheckEnum = {
    FAILED: "failed",
    INITIALIZING: "initializing",
    INSUFFICIENT_DATA: "insufficient-data",
    NOT_APPLICABLE: "not-applicable",
    PASSED: "passed",
};
const ApplicationStatusEnum = {
    IMPAIRED: "impaired",
    INITIALIZING: "initializing",
    INSUFFICIENT_DATA: "insufficient-data",
    NOT_APPLICABLE: "not-applicable",
    OK: "ok",
    SUPPRESSED: "suppressed",
};
const AssociationTypeEnum = {
    INSTANCE_ID: "instance-id",
    TAG: "tag",
};
const AvailabilityZoneOptInStatus = {
    not_opted_in: "not-opted-in",
    opt_in_not_required: "opt-in-not-required",
    opted_in: "opted-in",
};
const AvailabilityZoneState = {
    available: "available",
    constrained: "constrained",
    impaired: "impaired",
    information: "information",
    unavailable: "unavailable",
};
const MetricType = {
    aggregate_latency: "aggregate-latency",
};
const PeriodType = {
    fifteen_minutes: "fifteen-minutes",
    five_minutes: "five-minutes",
    one_day: "one-day",
    one_hour: "one-hour",
    one_week: "one-week",
    three_hours: "three-hours",
};
const StatisticType = {
    p50: "p50",
};
const CapacityBlockExtensionStatus = {
    PAYMENT_FAILED: "payment-failed",
    PAYMENT_PENDING: "payment-pending",
    PAYMENT_SUCCEEDED: "payment-succeeded",
};
const CapacityBlockResourceState = {
    active: "active",
    cancelled: "cancelled",
    expired: "expired",
    failed: "failed",
    payment_failed: "payment-failed",
    payment_pending: "payment-pending",
    scheduled: "scheduled",
    unavailable: "unavailable",
};
const CapacityBlockInterconnectStatus = {
    impaired: "impaired",
    insufficient_data: "insufficient-data",
    ok: "ok",
};
const CapacityManagerDataExportStatus = {
    DELIVERED: "delivered",
    FAILED: "failed",
    IN_PROGRESS: "in-progress",
    PENDING: "pending",
};
const CallerRole = {
    odcr_owner: "odcr-owner",
    unused_reservation_billing_owner: "unused-reservation-billing-owner",
};
const CapacityReservationBillingRequestStatus = {
    accepted: "accepted",
    cancelled: "cancelled",
    expired: "expired",
    pending: "pending",
    rejected: "rejected",
    revoked: "revoked",
};
const ClientVpnConnectionStatusCode = {
    active: "active",
    failed_to_terminate: "failed-to-terminate",
    terminated: "terminated",
    terminating: "terminating",
};
const AssociatedNetworkType = {
    vpc: "vpc",
};
const ClientVpnEndpointAttributeStatusCode = {
    applied: "applied",
    applying: "applying",
};
const VpnProtocol = {
    openvpn: "openvpn",
};
const ConversionTaskState = {
    active: "active",
    cancelled: "cancelled",
    cancelling: "cancelling",
    completed: "completed",
};
const ReportState = {
    cancelled: "cancelled",
    complete: "complete",
    error: "error",
    running: "running",
};
const ElasticGpuStatus = {
    Impaired: "IMPAIRED",
    Ok: "OK",
};
const ElasticGpuState = {
    Attached: "ATTACHED",
};
const FastLaunchResourceType = {
    SNAPSHOT: "snapshot",
};
const FastLaunchStateCode = {
    disabling: "disabling",
    disabling_failed: "disabling-failed",
    enabled: "enabled",
    enabled_failed: "enabled-failed",
    enabling: "enabling",
    enabling_failed: "enabling-failed",
};
const FastSnapshotRestoreStateCode = {
    disabled: "disabled",
    disabling: "disabling",
    enabled: "enabled",
    enabling: "enabling",
    optimizing: "optimizing",
};
const FleetEventType = {
    FLEET_CHANGE: "fleet-change",
    INSTANCE_CHANGE: "instance-change",
    SERVICE_ERROR: "service-error",
};
const FleetActivityStatus = {
    ERROR: "error",
    FULFILLED: "fulfilled",
    PENDING_FULFILLMENT: "pending_fulfillment",
    PENDING_TERMINATION: "pending_termination",
};
const FpgaImageAttributeName = {
    description: "description",
    loadPermission: "loadPermission",
    name: "name",
    productCodes: "productCodes",
};
const PermissionGroup = {
    all: "all",
};
const ProductCodeValues = {
    devpay: "devpay",
    marketplace: "marketplace",
};
const FpgaImageStateCode = {
    available: "available",
    failed: "failed",
    pending: "pending",
    unavailable: "unavailable",
};
const PaymentOption = {
    ALL_UPFRONT: "AllUpfront",
    NO_UPFRONT: "NoUpfront",
    PARTIAL_UPFRONT: "PartialUpfront",
};
const ReservationState = {
    ACTIVE: "active",
    CANCELLED: "cancelled",
    DELAYED: "delayed",
    EXPIRED: "expired",
    FAILED: "failed",
    PAYMENT_FAILED: "payment-failed",
    PAYMENT_PENDING: "payment-pending",
    PENDING: "pending",
    RETIRED: "retired",
    SCHEDULED: "scheduled",
    UNSUPPORTED: "unsupported",
};
const ImageAttributeName = {
    blockDeviceMapping: "blockDeviceMapping",
    bootMode: "bootMode",
    deregistrationProtection: "deregistrationProtection",
    description: "description",
    imdsSupport: "imdsSupport",
    kernel: "kernel",
    lastLaunchedTime: "lastLaunchedTime",
    launchPermission: "launchPermission",
    productCodes: "productCodes",
    ramdisk: "ramdisk",
    sriovNetSupport: "sriovNetSupport",
    tpmSupport: "tpmSupport",
    uefiData: "uefiData",
};
const ImageReferenceResourceType = {
    EC2_INSTANCE: "ec2:Instance",
    EC2_LAUNCH_TEMPLATE: "ec2:LaunchTemplate",
    IMAGE_BUILDER_CONTAINER_RECIPE: "imagebuilder:ContainerRecipe",
    IMAGE_BUILDER_IMAGE_RECIPE: "imagebuilder:ImageRecipe",
    SSM_PARAMETER: "ssm:Parameter",
};
const ImageReferenceOptionName = {
    STATE_NAME: "state-name",
    VERSION_DEPTH: "version-depth",
};
const ArchitectureValues = {
    arm64: "arm64",
    arm64_mac: "arm64_mac",
    i386: "i386",
    x86_64: "x86_64",
    x86_64_mac: "x86_64_mac",
};
const BootModeValues = {
    legacy_bios: "legacy-bios",
    uefi: "uefi",
    uefi_preferred: "uefi-preferred",
};
const HypervisorType = {
    ovm: "ovm",
    xen: "xen",
};
const ImageTypeValues = {
    kernel: "kernel",
    machine: "machine",
    ramdisk: "ramdisk",
};
const ImdsSupportValues = {
    v2_0: "v2.0",
};
const DeviceType = {
    ebs: "ebs",
    instance_store: "instance-store",
};
const SeverityLabel = {
    critical: "critical",
    high: "high",
    informational: "informational",
    low: "low",
    medium: "medium",
};
const ImageState = {
    available: "available",
    deregistered: "deregistered",
    disabled: "disabled",
    error: "error",
    failed: "failed",
    invalid: "invalid",
    pending: "pending",
    transient: "transient",
};
const TpmSupportValues = {
    v2_0: "v2.0",
};
const VirtualizationType = {
    hvm: "hvm",
    paravirtual: "paravirtual",
};
const InstanceAttributeName = {
    blockDeviceMapping: "blockDeviceMapping",
    disableApiStop: "disableApiStop",
    disableApiTermination: "disableApiTermination",
    ebsOptimized: "ebsOptimized",
    enaSupport: "enaSupport",
    enclaveOptions: "enclaveOptions",
    groupSet: "groupSet",
    instanceInitiatedShutdownBehavior: "instanceInitiatedShutdownBehavior",
    instanceType: "instanceType",
    kernel: "kernel",
    productCodes: "productCodes",
    ramdisk: "ramdisk",
    rootDeviceName: "rootDeviceName",
    sourceDestCheck: "sourceDestCheck",
    sriovNetSupport: "sriovNetSupport",
    userData: "userData",
};
const InstanceStateName = {
    pending: "pending",
    running: "running",
    shutting_down: "shutting-down",
    stopped: "stopped",
    stopping: "stopping",
    terminated: "terminated",
};
const InstanceBootModeValues = {
    legacy_bios: "legacy-bios",
    uefi: "uefi",
};
const InstanceLifecycleType = {
    capacity_block: "capacity-block",
    interruptible_capacity_reservation: "interruptible-capacity-reservation",
    scheduled: "scheduled",
    spot: "spot",
};
const InstanceAutoRecoveryState = {
    default: "default",
    disabled: "disabled",
};
const InstanceRebootMigrationState = {
    default: "default",
    disabled: "disabled",
};
const InstanceMetadataEndpointState = {
    disabled: "disabled",
    enabled: "enabled",
};
const InstanceMetadataProtocolState = {
    disabled: "disabled",
    enabled: "enabled",
};
const HttpTokensState = {
    optional: "optional",
    required: "required",
};
const InstanceMetadataTagsState = {
    disabled: "disabled",
    enabled: "enabled",
};
const InstanceMetadataOptionsState = {
    applied: "applied",
    pending: "pending",
};
const MonitoringState = {
    disabled: "disabled",
    disabling: "disabling",
    enabled: "enabled",
    pending: "pending",
};
const SecondaryInterfaceStatus = {
    available: "available",
    in_use: "in-use",
};
const HaStatus = {
    active: "active",
    invalid: "invalid",
    processing: "processing",
    standby: "standby",
};
const SqlServerLicenseUsage = {
    full: "full",
    waived: "waived",
};
const SummaryStatus = {
    impaired: "impaired",
    initializing: "initializing",
    insufficient_data: "insufficient-data",
    not_applicable: "not-applicable",
    ok: "ok",
};
const StatusName = {
    reachability: "reachability",
};
const StatusType = {
    failed: "failed",
    initializing: "initializing",
    insufficient_data: "insufficient-data",
    passed: "passed",
};
const EventCode = {
    instance_reboot: "instance-reboot",
    instance_retirement: "instance-retirement",
    instance_stop: "instance-stop",
    system_maintenance: "system-maintenance",
    system_reboot: "system-reboot",
};
const LocationType = {
    availability_zone: "availability-zone",
    availability_zone_id: "availability-zone-id",
    outpost: "outpost",
    region: "region",
};
const AttachmentLimitType = {
    DEDICATED: "dedicated",
    SHARED: "shared",
};
const EbsOptimizedSupport = {
    default: "default",
    supported: "supported",
    unsupported: "unsupported",
};
const EbsEncryptionSupport = {
    supported: "supported",
    unsupported: "unsupported",
};
const EbsNvmeSupport = {
    REQUIRED: "required",
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const InstanceTypeHypervisor = {
    NITRO: "nitro",
    XEN: "xen",
};
const DiskType = {
    hdd: "hdd",
    ssd: "ssd",
};
const InstanceStorageEncryptionSupport = {
    required: "required",
    unsupported: "unsupported",
};
const EphemeralNvmeSupport = {
    REQUIRED: "required",
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const BandwidthWeightingType = {
    DEFAULT: "default",
    EBS_1: "ebs-1",
    VPC_1: "vpc-1",
};
const EnaSupport = {
    required: "required",
    supported: "supported",
    unsupported: "unsupported",
};
const FlexibleEnaQueuesSupport = {
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const NetworkCardInterfaceType = {
    efa: "efa",
    efa_only: "efa-only",
    interface: "interface",
    secondary: "secondary",
};
const NitroEnclavesSupport = {
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const NitroTpmSupport = {
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const PhcSupport = {
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const PlacementGroupStrategy = {
    cluster: "cluster",
    partition: "partition",
    spread: "spread",
};
const ArchitectureType = {
    arm64: "arm64",
    arm64_mac: "arm64_mac",
    i386: "i386",
    x86_64: "x86_64",
    x86_64_mac: "x86_64_mac",
};
const SupportedAdditionalProcessorFeature = {
    AMD_SEV_SNP: "amd-sev-snp",
    NESTED_VIRTUALIZATION: "nested-virtualization",
};
const RebootMigrationSupport = {
    SUPPORTED: "supported",
    UNSUPPORTED: "unsupported",
};
const BootModeType = {
    legacy_bios: "legacy-bios",
    uefi: "uefi",
};
const RootDeviceType = {
    ebs: "ebs",
    instance_store: "instance-store",
};
const UsageClassType = {
    capacity_block: "capacity-block",
    on_demand: "on-demand",
    spot: "spot",
};
const LockState = {
    compliance: "compliance",
    compliance_cooloff: "compliance-cooloff",
    expired: "expired",
    governance: "governance",
};
const MoveStatus = {
    movingToVpc: "movingToVpc",
    restoringToClassic: "restoringToClassic",
};
const FindingsFound = {
    false: "false",
    true: "true",
    unknown: "unknown",
};
const AnalysisStatus = {
    failed: "failed",
    running: "running",
    succeeded: "succeeded",
};
const NetworkInterfaceAttribute = {
    associatePublicIpAddress: "associatePublicIpAddress",
    attachment: "attachment",
    description: "description",
    groupSet: "groupSet",
    sourceDestCheck: "sourceDestCheck",
};
const OfferingClassType = {
    CONVERTIBLE: "convertible",
    STANDARD: "standard",
};
const OfferingTypeValues = {
    All_Upfront: "All Upfront",
    Heavy_Utilization: "Heavy Utilization",
    Light_Utilization: "Light Utilization",
    Medium_Utilization: "Medium Utilization",
    No_Upfront: "No Upfront",
    Partial_Upfront: "Partial Upfront",
};
const RIProductDescription = {
    Linux_UNIX: "Linux/UNIX",
    Linux_UNIX_Amazon_VPC_: "Linux/UNIX (Amazon VPC)",
    Windows: "Windows",
    Windows_Amazon_VPC_: "Windows (Amazon VPC)",
};
const RecurringChargeFrequency = {
    Hourly: "Hourly",
};
const Scope = {
    AVAILABILITY_ZONE: "Availability Zone",
    REGIONAL: "Region",
};
const ReservedInstanceState = {
    active: "active",
    payment_failed: "payment-failed",
    payment_pending: "payment-pending",
    queued: "queued",
    queued_deleted: "queued-deleted",
    retired: "retired",
};
const ServiceLinkVirtualInterfaceConfigurationState = {
    available: "available",
    deleted: "deleted",
    deleting: "deleting",
    pending: "pending",
};
const SnapshotAttributeName = {
    createVolumePermission: "createVolumePermission",
    productCodes: "productCodes",
};
const TieringOperationStatus = {
    archival_completed: "archival-completed",
    archival_failed: "archival-failed",
    archival_in_progress: "archival-in-progress",
    permanent_restore_completed: "permanent-restore-completed",
    permanent_restore_failed: "permanent-restore-failed",
    permanent_restore_in_progress: "permanent-restore-in-progress",
    temporary_restore_completed: "temporary-restore-completed",
    temporary_restore_failed: "temporary-restore-failed",
    temporary_restore_in_progress: "temporary-restore-in-progress",
};
const EventType = {
    BATCH_CHANGE: "fleetRequestChange",
    ERROR: "error",
    INFORMATION: "information",
    INSTANCE_CHANGE: "instanceChange",
};
const ExcessCapacityTerminationPolicy = {
    DEFAULT: "default",
    NO_TERMINATION: "noTermination",
};
const OnDemandAllocationStrategy = {
    LOWEST_PRICE: "lowestPrice",
    PRIORITIZED: "prioritized",
};
const ReplacementStrategy = {
    LAUNCH: "launch",
    LAUNCH_BEFORE_TERMINATE: "launch-before-terminate",
};
const SpotInstanceState = {
    active: "active",
    cancelled: "cancelled",
    closed: "closed",
    disabled: "disabled",
    failed: "failed",
    open: "open",
};
const TransitGatewayAttachmentNatGatewaySupportState = {
    disabled: "disabled",
    disabling: "disabling",
    enabled: "enabled",
    enabling: "enabling",
};
const VerifiedAccessLogDeliveryStatusCode = {
    FAILED: "failed",
    SUCCESS: "success",
};
const VolumeAttributeName = {
    autoEnableIO: "autoEnableIO",
    productCodes: "productCodes",
};
const VolumeModificationState = {
    completed: "completed",
    failed: "failed",
    modifying: "modifying",
    optimizing: "optimizing",
};
const InitializationType = {
    default: "default",
    provisioned_rate: "provisioned-rate",
    volume_copy: "volume-copy",
};
const VolumeStatusName = {
    initialization_state: "initialization-state",
    io_enabled: "io-enabled",
    io_performance: "io-performance",
};
const VolumeStatusInfoStatus = {
    impaired: "impaired",
    insufficient_data: "insufficient-data",
    ok: "ok",
    warning: "warning",
};
const VpcAttributeName = {
    enableDnsHostnames: "enableDnsHostnames",
    enableDnsSupport: "enableDnsSupport",
    enableNetworkAddressUsageMetrics: "enableNetworkAddressUsageMetrics",
};
const VpcBlockPublicAccessExclusionsAllowed = {
    allowed: "allowed",
    not_allowed: "not-allowed",
};
const InternetGatewayBlockMode = {
    block_bidirectional: "block-bidirectional",
    block_ingress: "block-ingress",
    off: "off",
};
const VpcBlockPublicAccessState = {
    default_state: "default-state",
    update_complete: "update-complete",
    update_in_progress: "update-in-progress",
};
const CapacityManagerStatus = {
    DISABLED: "disabled",
    ENABLED: "enabled",
};
const ImageBlockPublicAccessDisabledState = {
    unblocked: "unblocked",
};
const RouteServerPropagationState = {
    AVAILABLE: "available",
    DELETING: "deleting",
    PENDING: "pending",
};
const SnapshotBlockPublicAccessState = {
    block_all_sharing: "block-all-sharing",
    block_new_sharing: "block-new-sharing",
    unblocked: "unblocked",
};
const TransitGatewayPropagationState = {
    disabled: "disabled",
    disabling: "disabling",
    enabled: "enabled",
    enabling: "enabling",
};
const ImageBlockPublicAccessEnabledState = {
    block_new_sharing: "block-new-sharing",
};
const ClientCertificateRevocationListStatusCode = {
    active: "active",
    pending: "pending",
};
const IngestionStatus = {
    INGESTION_COMPLETE: "ingestion-complete",
    INGESTION_FAILED: "ingestion-failed",
    INITIAL_INGESTION_IN_PROGRESS: "initial-ingestion-in-progress",
};
const Comparison = {
    EQUALS: "equals",
    IN: "in",
};
const FilterByDimension = {
    ACCOUNT_ID: "account-id",
    ACCOUNT_NAME: "account-name",
    AVAILABILITY_ZONE_ID: "availability-zone-id",
    INSTANCE_FAMILY: "instance-family",
    INSTANCE_PLATFORM: "instance-platform",
    INSTANCE_TYPE: "instance-type",
    RESERVATION_ARN: "reservation-arn",
    RESERVATION_CREATE_TIMESTAMP: "reservation-create-timestamp",
    RESERVATION_END_DATE_TYPE: "reservation-end-date-type",
    RESERVATION_END_TIMESTAMP: "reservation-end-timestamp",
    RESERVATION_ID: "reservation-id",
    RESERVATION_INSTANCE_MATCH_CRITERIA: "reservation-instance-match-criteria",
    RESERVATION_START_TIMESTAMP: "reservation-start-timestamp",
    RESERVATION_STATE: "reservation-state",
    RESERVATION_TYPE: "reservation-type",
    RESERVATION_UNUSED_FINANCIAL_OWNER: "reservation-unused-financial-owner",
    RESOURCE_REGION: "resource-region",
    TENANCY: "tenancy",
};
const GroupBy = {
    ACCOUNT_ID: "account-id",
    ACCOUNT_NAME: "account-name",
    AVAILABILITY_ZONE_ID: "availability-zone-id",
    INSTANCE_FAMILY: "instance-family",
    INSTANCE_PLATFORM: "instance-platform",
    INSTANCE_TYPE: "instance-type",
    RESERVATION_ARN: "reservation-arn",
    RESERVATION_CREATE_TIMESTAMP: "reservation-create-timestamp",
    RESERVATION_END_DATE_TYPE: "reservation-end-date-type",
    RESERVATION_END_TIMESTAMP: "reservation-end-timestamp",
    RESERVATION_ID: "reservation-id",
    RESERVATION_INSTANCE_MATCH_CRITERIA: "reservation-instance-match-criteria",
    RESERVATION_START_TIMESTAMP: "reservation-start-timestamp",
    RESERVATION_STATE: "reservation-state",
    RESERVATION_TYPE: "reservation-type",
    RESERVATION_UNUSED_FINANCIAL_OWNER: "reservation-unused-financial-owner",
    RESOURCE_REGION: "resource-region",
    TENANCY: "tenancy",
};
const Metric = {
    AVG_INST_AZ_COUNT_PER_REQUESTED_VCPU: "avg-inst-az-count-per-requested-vcpu",
    CAPACITY_REQUEST_FULFILLMENT_RATE: "capacity-request-fulfillment-rate",
    CAPACITY_TOTAL_FULFILLED_VCPU: "capacity-total-fulfilled-vcpu",
    CAPACITY_TOTAL_REQUESTED_VCPU: "capacity-total-requested-vcpu",
    INST_AZ_FULFILLMENT_RATE: "inst-az-fulfillment-rate",
    RESERVATION_AVG_COMMITTED_SIZE_INST: "reservation-avg-committed-size-inst",
    RESERVATION_AVG_COMMITTED_SIZE_VCPU: "reservation-avg-committed-size-vcpu",
    RESERVATION_AVG_FUTURE_SIZE_INST: "reservation-avg-future-size-inst",
    RESERVATION_AVG_FUTURE_SIZE_VCPU: "reservation-avg-future-size-vcpu",
    RESERVATION_AVG_UTILIZATION_INST: "reservation-avg-utilization-inst",
    RESERVATION_AVG_UTILIZATION_VCPU: "reservation-avg-utilization-vcpu",
    RESERVATION_MAX_COMMITTED_SIZE_INST: "reservation-max-committed-size-inst",
    RESERVATION_MAX_COMMITTED_SIZE_VCPU: "reservation-max-committed-size-vcpu",
    RESERVATION_MAX_FUTURE_SIZE_INST: "reservation-max-future-size-inst",
    RESERVATION_MAX_FUTURE_SIZE_VCPU: "reservation-max-future-size-vcpu",
    RESERVATION_MAX_SIZE_INST: "reservation-max-size-inst",
    RESERVATION_MAX_SIZE_VCPU: "reservation-max-size-vcpu",
    RESERVATION_MAX_UNUSED_SIZE_INST: "reservation-max-unused-size-inst",
    RESERVATION_MAX_UNUSED_SIZE_VCPU: "reservation-max-unused-size-vcpu",
    RESERVATION_MAX_UTILIZATION: "reservation-max-utilization",
    RESERVATION_MIN_COMMITTED_SIZE_INST: "reservation-min-committed-size-inst",
    RESERVATION_MIN_COMMITTED_SIZE_VCPU: "reservation-min-committed-size-vcpu",
    RESERVATION_MIN_FUTURE_SIZE_INST: "reservation-min-future-size-inst",
    RESERVATION_MIN_FUTURE_SIZE_VCPU: "reservation-min-future-size-vcpu",
    RESERVATION_MIN_SIZE_INST: "reservation-min-size-inst",
    RESERVATION_MIN_SIZE_VCPU: "reservation-min-size-vcpu",
    RESERVATION_MIN_UNUSED_SIZE_INST: "reservation-min-unused-size-inst",
    RESERVATION_MIN_UNUSED_SIZE_VCPU: "reservation-min-unused-size-vcpu",
    RESERVATION_MIN_UTILIZATION: "reservation-min-utilization",
    RESERVATION_TOTAL_CAPACITY_HRS_INST: "reservation-total-capacity-hrs-inst",
    RESERVATION_TOTAL_CAPACITY_HRS_VCPU: "reservation-total-capacity-hrs-vcpu",
    RESERVATION_TOTAL_COUNT: "reservation-total-count",
    RESERVATION_TOTAL_ESTIMATED_COST: "reservation-total-estimated-cost",
    RESERVATION_UNUSED_TOTAL_CAPACITY_HRS_INST: "reservation-unused-total-capacity-hrs-inst",
    RESERVATION_UNUSED_TOTAL_CAPACITY_HRS_VCPU: "reservation-unused-total-capacity-hrs-vcpu",
    RESERVATION_UNUSED_TOTAL_ESTIMATED_COST: "reservation-unused-total-estimated-cost",
    RESERVED_TOTAL_ESTIMATED_COST: "reserved-total-estimated-cost",
    RESERVED_TOTAL_USAGE_HRS_INST: "reserved-total-usage-hrs-inst",
    RESERVED_TOTAL_USAGE_HRS_VCPU: "reserved-total-usage-hrs-vcpu",
    SPOT_AVG_INST_AZ_COUNT_PER_REQUESTED_VCPU: "spot-avg-inst-az-count-per-requested-vcpu",
    SPOT_AVG_RUN_TIME_BEFORE_INTERRUPTION_INST: "spot-avg-run-time-before-interruption-inst",
    SPOT_CAPACITY_REQUEST_FULFILLMENT_RATE: "spot-capacity-request-fulfillment-rate",
    SPOT_CAPACITY_TOTAL_FULFILLED_VCPU: "spot-capacity-total-fulfilled-vcpu",
    SPOT_CAPACITY_TOTAL_REQUESTED_VCPU: "spot-capacity-total-requested-vcpu",
    SPOT_INST_AZ_FULFILLMENT_RATE: "spot-inst-az-fulfillment-rate",
    SPOT_INTERRUPTION_RATE_INST: "spot-interruption-rate-inst",
    SPOT_INTERRUPTION_RATE_VCPU: "spot-interruption-rate-vcpu",
    SPOT_MAX_RUN_TIME_BEFORE_INTERRUPTION_INST: "spot-max-run-time-before-interruption-inst",
    SPOT_MIN_RUN_TIME_BEFORE_INTERRUPTION_INST: "spot-min-run-time-before-interruption-inst",
    SPOT_TOTAL_COUNT_INST: "spot-total-count-inst",
    SPOT_TOTAL_COUNT_VCPU: "spot-total-count-vcpu",
    SPOT_TOTAL_ESTIMATED_COST: "spot-total-estimated-cost",
    SPOT_TOTAL_INTERRUPTIONS_INST: "spot-total-interruptions-inst",
    SPOT_TOTAL_INTERRUPTIONS_VCPU: "spot-total-interruptions-vcpu",
    SPOT_TOTAL_USAGE_HRS_INST: "spot-total-usage-hrs-inst",
    SPOT_TOTAL_USAGE_HRS_VCPU: "spot-total-usage-hrs-vcpu",
    UNRESERVED_TOTAL_ESTIMATED_COST: "unreserved-total-estimated-cost",
    UNRESERVED_TOTAL_USAGE_HRS_INST: "unreserved-total-usage-hrs-inst",
    UNRESERVED_TOTAL_USAGE_HRS_VCPU: "unreserved-total-usage-hrs-vcpu",
};
const ReservationEndDateType = {
    LIMITED: "limited",
    UNLIMITED: "unlimited",
};
const ReservationType = {
    CAPACITY_BLOCK: "capacity-block",
    ODCR: "odcr",
};
const CapacityTenancy = {
    DEDICATED: "dedicated",
    DEFAULT: "default",
};
const CapacityManagerMonitoredTagKeyStatus = {
    ACTIVATED: "activated",
    ACTIVATING: "activating",
    DEACTIVATING: "deactivating",
    SUSPENDED: "suspended",
};
const CapacityUnit = {
    INSTANCES: "instances",
    VCPUS: "vcpus",
};
const SupportabilityMarketType = {
    ON_DEMAND: "on-demand",
    SPOT: "spot",
};
const SupportabilityScore = {
    HIGH: "high",
    LOW: "low",
    MEDIUM: "medium",
    UNSUPPORTED: "unsupported",
};
const ClientVpnAuthorizationPolicyShadowMode = {
    disabled: "disabled",
    enabled: "enabled",
};
const UnlimitedSupportedInstanceFamily = {
    t2: "t2",
    t3: "t3",
    t3a: "t3a",
    t4g: "t4g",
    t8i: "t8i",
};
const IpamPolicyManagedBy = {
    account: "account",
    delegated_administrator_for_ipam: "delegated-administrator-for-ipam",
};
const PartitionLoadFrequency = {
    DAILY: "daily",
    MONTHLY: "monthly",
    NONE: "none",
    WEEKLY: "weekly",
};
const HttpTokensEnforcedState = {
    disabled: "disabled",
    enabled: "enabled",
};
const EkPubKeyFormat = {
    der: "der",
    tpmt: "tpmt",
};
const EkPubKeyType = {
    ECC_SEC_P384: "ecc-sec-p384",
    RSA_2048: "rsa-2048",
};
const IpamComplianceStatus = {
    compliant: "compliant",
    ignored: "ignored",
    noncompliant: "noncompliant",
    unmanaged: "unmanaged",
};
const IpamOverlapStatus = {
    ignored: "ignored",
    nonoverlapping: "nonoverlapping",
    overlapping: "overlapping",
};
const IpamAddressHistoryResourceType = {
    eip: "eip",
    instance: "instance",
    network_interface: "network-interface",
    subnet: "subnet",
    vpc: "vpc",
};
const IpamDiscoveryFailureCode = {
    assume_role_failure: "assume-role-failure",
    throttling_failure: "throttling-failure",
    unauthorized_failure: "unauthorized-failure",
};
const IpamPublicAddressType = {
    AMAZON_OWNED_CONTIG: "amazon-owned-contig",
    AMAZON_OWNED_EIP: "amazon-owned-eip",
    ANYCAST_IP_LIST_IP: "anycast-ip-list-ip",
    BYOIP: "byoip",
    EC2_PUBLIC_IP: "ec2-public-ip",
    SERVICE_MANAGED_BYOIP: "service-managed-byoip",
    SERVICE_MANAGED_IP: "service-managed-ip",
};
const IpamPublicAddressAssociationStatus = {
    ASSOCIATED: "associated",
    DISASSOCIATED: "disassociated",
};
const IpamPublicAddressAwsService = {
    AGA: "global-accelerator",
    CLOUDFRONT: "cloudfront",
    DMS: "database-migration-service",
    EC2_LB: "load-balancer",
    ECS: "elastic-container-service",
    NAT_GATEWAY: "nat-gateway",
    OTHER: "other",
    RDS: "relational-database-service",
    REDSHIFT: "redshift",
    S2S_VPN: "site-to-site-vpn",
};
const IpamResourceCidrIpSource = {
    amazon: "amazon",
    byoip: "byoip",
    none: "none",
};
const IpamNetworkInterfaceAttachmentStatus = {
    available: "available",
    in_use: "in-use",
};
const IpamByoipAdvertisementType = {
    global: "global",
    regional: "regional",
};
const IpamByoipCidrState = {
    advertised: "advertised",
    deprovisioned: "deprovisioned",
    failed_deprovision: "failed-deprovision",
    failed_provision: "failed-provision",
    pending_advertising: "pending-advertising",
    pending_deprovision: "pending-deprovision",
    pending_provision: "pending-provision",
    pending_withdrawal: "pending-withdrawal",
    provisioned: "provisioned",
    provisioned_not_publicly_advertisable: "provisioned-not-publicly-advertisable",
};
const IpamPolicyResourceType = {
    alb: "alb",
    eip: "eip",
    rds: "rds",
    rnat: "rnat",
};
const IpamManagementState = {
    ignored: "ignored",
    managed: "managed",
    unmanaged: "unmanaged",
};
const IpamRpkiStatus = {
    invalid: "invalid",
    unknown: "unknown",
    valid: "valid",
};
const IpamRpkiStrength = {
    permissive: "permissive",
    strict: "strict",
};
const ChronologicalOrder = {
    forward: "forward",
    reverse: "reverse",
};
const IpamRoutingPolicyRegistrationState = {
    activate_failed: "activate-failed",
    create_complete: "create-complete",
    create_in_progress: "create-in-progress",
    delete_complete: "delete-complete",
    delete_in_progress: "delete-in-progress",
    pending_activate: "pending-activate",
    update_complete: "update-complete",
    update_in_progress: "update-in-progress",
};
const ManagedResourceDefaultVisibility = {
    hidden: "hidden",
    visible: "visible",
};
const RouteServerRouteInstallationStatus = {
    INSTALLED: "installed",
    REJECTED: "rejected",
};
const RouteServerRouteStatus = {
    IN_FIB: "in-fib",
    IN_RIB: "in-rib",
};
const TransitGatewayNatRuleState = {
    activated: "activated",
    deactivated: "deactivated",
    deleting: "deleting",
    pending: "pending",
};
const TransitGatewayAttachmentNatSystemRouteSupportValue = {
    disable: "disable",
    enable: "enable",
};
const LockMode = {
    compliance: "compliance",
    governance: "governance",
};
const ModifyAvailabilityZoneOptInStatus = {
    not_opted_in: "not-opted-in",
    opted_in: "opted-in",
};
const OperationType = {
    add: "add",
    remove: "remove",
};
const UnsuccessfulInstanceCreditSpecificationErrorCode = {
    INCORRECT_INSTANCE_STATE: "IncorrectInstanceState",
    INSTANCE_CREDIT_SPECIFICATION_NOT_SUPPORTED: "InstanceCreditSpecification.NotSupported",
    INSTANCE_NOT_FOUND: "InvalidInstanceID.NotFound",
    INVALID_INSTANCE_ID: "InvalidInstanceID.Malformed",
};
const DefaultInstanceMetadataEndpointState = {
    disabled: "disabled",
    enabled: "enabled",
    no_preference: "no-preference",
};
const MetadataDefaultHttpTokensState = {
    no_preference: "no-preference",
    optional: "optional",
    required: "required",
};
const DefaultHttpTokensEnforcedState = {
    disabled: "disabled",
    enabled: "enabled",
    no_preference: "no-preference",
};
const DefaultInstanceMetadataTagsState = {
    disabled: "disabled",
    enabled: "enabled",
    no_preference: "no-preference",
};
const HostTenancy = {
    dedicated: "dedicated",
    default: "default",
    host: "host",
};
const PublicIpDnsOption = {
    public_dual_stack_dns_name: "public-dual-stack-dns-name",
    public_ipv4_dns_name: "public-ipv4-dns-name",
    public_ipv6_dns_name: "public-ipv6-dns-name",
};
const TargetStorageTier = {
    archive: "archive",
};
const TrafficMirrorFilterRuleField = {
    description: "description",
    destination_port_range: "destination-port-range",
    protocol: "protocol",
    source_port_range: "source-port-range",
};
const TrafficMirrorSessionField = {
    description: "description",
    packet_length: "packet-length",
    virtual_network_id: "virtual-network-id",
};
const EncryptionSupportOptionValue = {
    disable: "disable",
    enable: "enable",
};
const TransitGatewayAttachmentNatGatewaySupportValue = {
    disable: "disable",
    enable: "enable",
};
const VpcTenancy = {
    default: "default",
};
const Status = {
    inClassic: "InClassic",
    inVpc: "InVpc",
    moveInProgress: "MoveInProgress",
};
const VerificationMethod = {
    dns_token: "dns-token",
    remarks_x509: "remarks-x509",
};
const ReportInstanceReasonCodes = {
    instance_stuck_in_state: "instance-stuck-in-state",
    not_accepting_credentials: "not-accepting-credentials",
    other: "other",
    password_not_available: "password-not-available",
    performance_ebs_volume: "performance-ebs-volume",
    performance_instance_store: "performance-instance-store",
    performance_network: "performance-network",
    performance_other: "performance-other",
    unresponsive: "unresponsive",
};
const ReportStatusType = {
    impaired: "impaired",
    ok: "ok",
};
const ResetFpgaImageAttributeName = {
    loadPermission: "loadPermission",
};
const ResetImageAttributeName = {
    launchPermission: "launchPermission",
};
const MembershipType = {
    igmp: "igmp",
    static: "static",
};


/***/ }),

/***/ 47875:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ partitionsInfo)
/* harmony export */ });
const partitionsInfo = {
    "partitions": [
        {
            "id": "aws",
            "outputs": {
                "dnsSuffix": "amazonaws.com",
                "dualStackDnsSuffix": "api.aws",
                "implicitGlobalRegion": "us-east-1",
                "name": "aws",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$",
            "regions": {
                "af-south-1": {
                    "description": "Africa (Cape Town)"
                },
                "ap-east-1": {
                    "description": "Asia Pacific (Hong Kong)"
                },
                "ap-east-2": {
                    "description": "Asia Pacific (Taipei)"
                },
                "ap-northeast-1": {
                    "description": "Asia Pacific (Tokyo)"
                },
                "ap-northeast-2": {
                    "description": "Asia Pacific (Seoul)"
                },
                "ap-northeast-3": {
                    "description": "Asia Pacific (Osaka)"
                },
                "ap-south-1": {
                    "description": "Asia Pacific (Mumbai)"
                },
                "ap-south-2": {
                    "description": "Asia Pacific (Hyderabad)"
                },
                "ap-southeast-1": {
                    "description": "Asia Pacific (Singapore)"
                },
                "ap-southeast-2": {
                    "description": "Asia Pacific (Sydney)"
                },
                "ap-southeast-3": {
                    "description": "Asia Pacific (Jakarta)"
                },
                "ap-southeast-4": {
                    "description": "Asia Pacific (Melbourne)"
                },
                "ap-southeast-5": {
                    "description": "Asia Pacific (Malaysia)"
                },
                "ap-southeast-6": {
                    "description": "Asia Pacific (New Zealand)"
                },
                "ap-southeast-7": {
                    "description": "Asia Pacific (Thailand)"
                },
                "aws-global": {
                    "description": "aws global region"
                },
                "ca-central-1": {
                    "description": "Canada (Central)"
                },
                "ca-west-1": {
                    "description": "Canada West (Calgary)"
                },
                "eu-central-1": {
                    "description": "Europe (Frankfurt)"
                },
                "eu-central-2": {
                    "description": "Europe (Zurich)"
                },
                "eu-north-1": {
                    "description": "Europe (Stockholm)"
                },
                "eu-south-1": {
                    "description": "Europe (Milan)"
                },
                "eu-south-2": {
                    "description": "Europe (Spain)"
                },
                "eu-west-1": {
                    "description": "Europe (Ireland)"
                },
                "eu-west-2": {
                    "description": "Europe (London)"
                },
                "eu-west-3": {
                    "description": "Europe (Paris)"
                },
                "il-central-1": {
                    "description": "Israel (Tel Aviv)"
                },
                "me-central-1": {
                    "description": "Middle East (UAE)"
                },
                "me-south-1": {
                    "description": "Middle East (Bahrain)"
                },
                "me-west-1": {
                    "description": "Middle East (Saudi Arabia)"
                },
                "mx-central-1": {
                    "description": "Mexico (Central)"
                },
                "sa-east-1": {
                    "description": "South America (Sao Paulo)"
                },
                "sa-west-1": {
                    "description": "South America (Chile)"
                },
                "us-east-1": {
                    "description": "US East (N. Virginia)"
                },
                "us-east-2": {
                    "description": "US East (Ohio)"
                },
                "us-west-1": {
                    "description": "US West (N. California)"
                },
                "us-west-2": {
                    "description": "US West (Oregon)"
                }
            }
        },
        {
            "id": "aws-cn",
            "outputs": {
                "dnsSuffix": "amazonaws.com.cn",
                "dualStackDnsSuffix": "api.amazonwebservices.com.cn",
                "implicitGlobalRegion": "cn-northwest-1",
                "name": "aws-cn",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^cn\\-\\w+\\-\\d+$",
            "regions": {
                "aws-cn-global": {
                    "description": "aws-cn global region"
                },
                "cn-north-1": {
                    "description": "China (Beijing)"
                },
                "cn-northwest-1": {
                    "description": "China (Ningxia)"
                }
            }
        },
        {
            "id": "aws-eusc",
            "outputs": {
                "dnsSuffix": "amazonaws.eu",
                "dualStackDnsSuffix": "api.amazonwebservices.eu",
                "implicitGlobalRegion": "eusc-de-east-1",
                "name": "aws-eusc",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^eusc\\-(de)\\-\\w+\\-\\d+$",
            "regions": {
                "eusc-de-east-1": {
                    "description": "AWS European Sovereign Cloud (Germany)"
                }
            }
        },
        {
            "id": "aws-iso",
            "outputs": {
                "dnsSuffix": "c2s.ic.gov",
                "dualStackDnsSuffix": "api.aws.ic.gov",
                "implicitGlobalRegion": "us-iso-east-1",
                "name": "aws-iso",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-iso\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-global": {
                    "description": "aws-iso global region"
                },
                "us-iso-east-1": {
                    "description": "US ISO East"
                },
                "us-iso-west-1": {
                    "description": "US ISO WEST"
                }
            }
        },
        {
            "id": "aws-iso-b",
            "outputs": {
                "dnsSuffix": "sc2s.sgov.gov",
                "dualStackDnsSuffix": "api.aws.scloud",
                "implicitGlobalRegion": "us-isob-east-1",
                "name": "aws-iso-b",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-isob\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-b-global": {
                    "description": "aws-iso-b global region"
                },
                "us-isob-east-1": {
                    "description": "US ISOB East (Ohio)"
                },
                "us-isob-west-1": {
                    "description": "US ISOB West"
                }
            }
        },
        {
            "id": "aws-iso-e",
            "outputs": {
                "dnsSuffix": "cloud.adc-e.uk",
                "dualStackDnsSuffix": "api.cloud-aws.adc-e.uk",
                "implicitGlobalRegion": "eu-isoe-west-1",
                "name": "aws-iso-e",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^eu\\-isoe\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-e-global": {
                    "description": "aws-iso-e global region"
                },
                "eu-isoe-west-1": {
                    "description": "EU ISOE West"
                }
            }
        },
        {
            "id": "aws-iso-f",
            "outputs": {
                "dnsSuffix": "csp.hci.ic.gov",
                "dualStackDnsSuffix": "api.aws.hci.ic.gov",
                "implicitGlobalRegion": "us-isof-south-1",
                "name": "aws-iso-f",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-isof\\-\\w+\\-\\d+$",
            "regions": {
                "aws-iso-f-global": {
                    "description": "aws-iso-f global region"
                },
                "us-isof-east-1": {
                    "description": "US ISOF EAST"
                },
                "us-isof-south-1": {
                    "description": "US ISOF SOUTH"
                }
            }
        },
        {
            "id": "aws-us-gov",
            "outputs": {
                "dnsSuffix": "amazonaws.com",
                "dualStackDnsSuffix": "api.aws",
                "implicitGlobalRegion": "us-gov-west-1",
                "name": "aws-us-gov",
                "supportsDualStack": true,
                "supportsFIPS": true
            },
            "regionRegex": "^us\\-gov\\-\\w+\\-\\d+$",
            "regions": {
                "aws-us-gov-global": {
                    "description": "aws-us-gov global region"
                },
                "us-gov-east-1": {
                    "description": "AWS GovCloud (US-East)"
                },
                "us-gov-west-1": {
                    "description": "AWS GovCloud (US-West)"
                }
            }
        }
    ],
    "version": "1.1"
};


/***/ })

};
