/**
 * Enumerations of the Kubernetes OpenAPI document (`enum` since 1.24) for the core fields that
 * have one. @kubernetes/client-node's models drop enums, so they are listed here by model and
 * property (values from the Kubernetes API reference).
 */
export const K8S_ENUMS: Record<string, string[]> = {
  'V1Container.imagePullPolicy': ['Always', 'IfNotPresent', 'Never'],
  'V1Container.terminationMessagePolicy': ['File', 'FallbackToLogsOnError'],
  'V1PodSpec.restartPolicy': ['Always', 'OnFailure', 'Never'],
  'V1PodSpec.dnsPolicy': ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  'V1PodSpec.preemptionPolicy': ['Never', 'PreemptLowerPriority'],
  'V1ContainerPort.protocol': ['TCP', 'UDP', 'SCTP'],
  'V1ServicePort.protocol': ['TCP', 'UDP', 'SCTP'],
  'V1ServiceSpec.type': ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  'V1ServiceSpec.externalTrafficPolicy': ['Cluster', 'Local'],
  'V1ServiceSpec.internalTrafficPolicy': ['Cluster', 'Local'],
  'V1ServiceSpec.sessionAffinity': ['ClientIP', 'None'],
  'V1ServiceSpec.ipFamilyPolicy': ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  'V1DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'V1StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'V1StatefulSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'V1DaemonSetUpdateStrategy.type': ['OnDelete', 'RollingUpdate'],
  'V1CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'V1JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'V1PersistentVolumeClaimSpec.volumeMode': ['Filesystem', 'Block'],
  'V1PersistentVolumeSpec.persistentVolumeReclaimPolicy': ['Delete', 'Recycle', 'Retain'],
  'V1Toleration.operator': ['Exists', 'Equal'],
  'V1Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'V1HTTPGetAction.scheme': ['HTTP', 'HTTPS'],
  'V1IngressSpec.pathType': ['Exact', 'ImplementationSpecific', 'Prefix'],
  'V1HTTPIngressPath.pathType': ['Exact', 'ImplementationSpecific', 'Prefix'],
  'V1SeccompProfile.type': ['Localhost', 'RuntimeDefault', 'Unconfined'],
  'V1PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': ['AlwaysAllow', 'IfHealthyBudget'],
};

/** The first Kubernetes minor version that serves an apiVersion/kind (for targets older than that). */
export const INTRODUCED: Record<string, string> = {
  'autoscaling/v2/HorizontalPodAutoscaler': '1.23',
  'batch/v1/CronJob': '1.21',
  'policy/v1/PodDisruptionBudget': '1.21',
  'networking.k8s.io/v1/Ingress': '1.19',
  'networking.k8s.io/v1/IngressClass': '1.19',
  'discovery.k8s.io/v1/EndpointSlice': '1.21',
  'storage.k8s.io/v1/StorageClass': '1.6',
};
