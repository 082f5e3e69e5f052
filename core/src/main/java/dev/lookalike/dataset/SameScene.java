package dev.lookalike.dataset;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds different photos of the same scene in a source folder: shots by the same camera (EXIF make
 * and model) taken at most {@link #BURST_SECONDS} apart (EXIF {@code DateTimeOriginal}), chained.
 * They are a duplicate set's hardest negatives: similar pictures a person would not call copies.
 * Photos without a capture time are never in a scene.
 */
final class SameScene {

    /** The most seconds between two shots of one burst. */
    static final long BURST_SECONDS = 3;

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss", Locale.ROOT);

    private SameScene() {}

    /** A photo's camera and capture time. */
    private record Shot(String photo, String camera, LocalDateTime time) {}

    /**
     * The scene number of every photo of {@code photos} (paths under {@code source}) that shares a
     * scene with another, numbered from 0 in the order of their first photo in {@code photos}.
     */
    static Map<String, Integer> scenes(Path source, List<String> photos) {
        List<Shot> shots = new ArrayList<>();
        for (String photo : photos) {
            Shot shot = shot(source.resolve(photo), photo);
            if (shot != null) {
                shots.add(shot);
            }
        }
        shots.sort(Comparator.comparing(Shot::camera).thenComparing(Shot::time).thenComparing(Shot::photo));
        List<List<String>> bursts = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            Shot shot = shots.get(i);
            Shot previous = i == 0 ? null : shots.get(i - 1);
            boolean sameBurst = previous != null
                    && previous.camera().equals(shot.camera())
                    && ChronoUnit.SECONDS.between(previous.time(), shot.time()) <= BURST_SECONDS;
            if (!sameBurst) {
                bursts.add(new ArrayList<>());
            }
            bursts.get(bursts.size() - 1).add(shot.photo());
        }
        Map<String, Integer> byPhoto = new HashMap<>();
        int[] next = {0};
        bursts.stream()
                .filter(burst -> burst.size() > 1)
                .sorted(Comparator.comparingInt(
                        burst -> burst.stream().mapToInt(photos::indexOf).min().orElseThrow()))
                .forEach(burst -> {
                    int scene = next[0]++;
                    burst.forEach(photo -> byPhoto.put(photo, scene));
                });
        return byPhoto;
    }

    private static Shot shot(Path file, String photo) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
            String time = exif == null ? null : exif.getString(ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
            if (time == null) {
                return null;
            }
            ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            String camera = ifd0 == null
                    ? ""
                    : Objects.toString(ifd0.getString(ExifIFD0Directory.TAG_MAKE), "") + " "
                            + Objects.toString(ifd0.getString(ExifIFD0Directory.TAG_MODEL), "");
            return new Shot(photo, camera, LocalDateTime.parse(time.trim(), EXIF_TIME));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return null; // no usable capture time: not part of a scene
        }
    }
}
