-- The probe credential: an application-like MySQL user for Tandem's own writes (the heartbeat).
ALTER TABLE `clusters` ADD COLUMN `probeUser` VARCHAR(80) NULL;
ALTER TABLE `clusters` ADD COLUMN `probePasswordEnc` TEXT NULL;
