// Server-side printers of PersistentVolumeClaims and StorageClasses, as
// pkg/printers/internalversion/printers.go prints them (printPersistentVolumeClaim,
// printStorageClass): a claim shows its volume, capacity and access modes only once bound; a
// class annotated as the default is named `NAME (default)`.
import {age, ageColumn, column, nameColumn, type Printer} from '../table.js';

interface ClaimFields {
	metadata: {deletionTimestamp?: string};
	spec?: {volumeName?: string; storageClassName?: string; volumeAttributesClassName?: string; volumeMode?: string};
	status?: {phase?: string; accessModes?: string[]; capacity?: {storage?: string}};
}

interface ClassFields {
	metadata: {annotations?: Record<string, string>};
	provisioner?: string;
	reclaimPolicy?: string;
	volumeBindingMode?: string;
	allowVolumeExpansion?: boolean;
}

/** helper.GetAccessModesAsString: the short forms, in this order, without duplicates. */
const accessModeOrder: ReadonlyArray<[string, string]> = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
const accessModes = (modes: readonly string[] = []) => accessModeOrder.filter(([mode]) => modes.includes(mode)).map(([, short]) => short).join(',');

/** storageutil.IsDefaultAnnotation: the GA annotation or the beta one. */
export const isDefaultClass = (annotations: Record<string, string> = {}) =>
	annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';

export const storagePrinters = {
	persistentvolumeclaims: {
		columns: [
			nameColumn,
			column('Status', 'phase represents the current phase of PersistentVolumeClaim.'),
			column('Volume', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
			column('Capacity', 'capacity represents the actual resources of the underlying volume.'),
			column('Access Modes', 'accessModes contains the actual access modes the volume backing the PVC has.'),
			column('StorageClass', 'StorageClass of the pvc'),
			column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
			column('Age', ageColumn.description),
			column('VolumeMode', 'volumeMode defines what type of volume is required by the claim.', 1),
		],
		row(object, now) {
			const claim = object as unknown as ClaimFields;
			const bound = Boolean(claim.spec?.volumeName);
			return [
				object.metadata.name,
				claim.metadata.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? ''),
				claim.spec?.volumeName ?? '',
				bound ? (claim.status?.capacity?.storage ?? '') : '',
				bound ? accessModes(claim.status?.accessModes) : '',
				claim.spec?.storageClassName || '<unset>',
				claim.spec?.volumeAttributesClassName || '<unset>',
				age(object, now),
				claim.spec?.volumeMode ?? '<unset>',
			];
		},
	},
	storageclasses: {
		columns: [
			nameColumn,
			column('Provisioner', 'provisioner indicates the type of the provisioner.'),
			column('ReclaimPolicy', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
			column('VolumeBindingMode', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used.'),
			column('AllowVolumeExpansion', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
			ageColumn,
		],
		row(object, now) {
			const sc = object as unknown as ClassFields;
			const name = isDefaultClass(sc.metadata.annotations) ? `${object.metadata.name} (default)` : object.metadata.name;
			return [name, sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete', sc.volumeBindingMode ?? 'Immediate', sc.allowVolumeExpansion ?? false, age(object, now)];
		},
	},
} satisfies Record<string, Printer>;
