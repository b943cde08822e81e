# Văn bản của công cụ dòng lệnh gocua.

cli-info-version = Phiên bản: { $value }
cli-info-data-dir = Thư mục dữ liệu: { $value }
cli-info-database = Cơ sở dữ liệu: { $value }
cli-info-schema = Phiên bản lược đồ: { $value }
cli-info-portal = Cổng: { $value }
cli-info-portal-default = Cổng: { $value } (mặc định)
cli-info-language = Ngôn ngữ: { $value }
cli-probe-online = Trực tuyến: cổng { $url } đang hoạt động.
cli-probe-offline = Ngoại tuyến: không kết nối được tới cổng { $url }.
cli-probe-incompatible = Địa chỉ { $url } trả lời nhưng không phải cổng Gõ Cửa.
cli-config-saved = Đã lưu cài đặt.
cli-error = Lỗi: { $message }
cli-audit-intact = Nhật ký kiểm toán nguyên vẹn: { $rows } dòng.
cli-audit-broken = Nhật ký kiểm toán bị phá vỡ tại dòng { $seq } ({ $reason }).
cli-demo-seeded = Đã tạo dữ liệu mẫu: { $citizens } người dân, { $visits } lượt hỗ trợ.
cli-file-saved = Đã lưu: { $path }
cli-citizen-erased = Đã xóa hồ sơ và các sự đồng ý của người dân. Các lượt hỗ trợ được giữ lại ở dạng ẩn danh.
cli-backup-restored = Đã khôi phục dữ liệu từ bản sao lưu.
cli-operator-added = Đã thêm người dùng { $name } ({ $role }).
cli-purge-dry-run = Sẽ xóa { $count } người dân đã quá { $days } ngày kể từ lượt hỗ trợ cuối, { $drafts } hồ sơ nháp bị bỏ dở và ghi chú của { $notes } lượt hỗ trợ (chạy thử, chưa xóa gì).
cli-purge-done = Đã xóa { $count } người dân đã quá { $days } ngày kể từ lượt hỗ trợ cuối, { $drafts } hồ sơ nháp bị bỏ dở và ghi chú của { $notes } lượt hỗ trợ.
cli-dossier-more = … còn nữa; dùng --limit để xem thêm.
cli-checklist-saved = Đã lưu phiếu kiểm tra hồ sơ: { $path }
cli-task-status = { $status ->
    [completed] đã xong
    [in_progress] đang làm
   *[not_started] chưa bắt đầu
}
cli-dossier-issues = Còn { $n } vấn đề:
cli-dossier-papers = Giấy tờ:
cli-demo-dossiers = Đã tạo { $n } hồ sơ mẫu.
cli-sync-pass = Đã gửi { $sent }, sẽ thử lại { $retried }, để riêng { $quarantined }, cập nhật trạng thái { $changes }{ $offline ->
    [yes] {" "}(chưa kết nối được cổng)
   *[no] {""}
}.
cli-outbox-summary = Chờ gửi: { $pending } · để riêng: { $quarantined } · cần bổ sung: { $supplements }
cli-catalog-keygen = Đã tạo khóa ký; khóa bí mật nằm trong tệp bạn chỉ định — hãy cất giữ ngoại tuyến. Gửi khóa công khai này cho các tổ: { $key }
cli-catalog-signed = Đã ký bằng khóa { $key }: { $path }
cli-dossier-duplicates = Người dân đã có hồ sơ đang làm cho thủ tục này, nên chưa tạo hồ sơ mới. Hãy tiếp tục hồ sơ dưới đây, hoặc thêm --force để tạo thêm:

## Team hub
cli-hub-joined = Đã tham gia máy chủ nhóm “{ $team }” ({ $url }).
cli-hub-not-joined = Máy này chưa tham gia máy chủ nhóm nào. Tham gia bằng: gocua hub join MÃ --name "Tên máy"
cli-hub-status = Máy chủ nhóm: { $url } — nhóm “{ $team }”, mã máy { $device }, tham gia lúc { $joined }. Đồng bộ thành công gần nhất: { $last }. Đang chờ gửi: { $pending } bản ghi.
cli-hub-revoked = Trưởng nhóm đã thu hồi máy này lúc { $at }; máy không đồng bộ nữa, dữ liệu trên máy vẫn còn.
cli-hub-last-error = Lỗi ở lần thử gần nhất: { $error }
cli-hub-synced = Máy chủ nhóm đã nhận { $stored } bản ghi mới ({ $duplicates } bản đã có từ trước); còn chờ gửi { $pending }.
cli-hub-left = Đã rời máy chủ nhóm. Dữ liệu trên máy vẫn giữ nguyên.
cli-never = chưa lần nào
cli-audit-anchor-ok = Khớp với mốc mà máy chủ nhóm giữ (dòng { $seq }).
cli-audit-anchor-mismatch = KHÔNG khớp với mốc mà máy chủ nhóm giữ ở dòng { $seq }: nhật ký trên máy này đã bị viết lại. Hãy báo trưởng nhóm.
cli-audit-anchor-none = Máy chủ nhóm chưa giữ mốc nào của máy này (mốc được gửi ở mỗi lần đồng bộ).
cli-audit-anchor-unreachable = Chưa đối chiếu được với máy chủ nhóm: { $message }
cli-hub-catalogue = Gói danh mục từ máy chủ nhóm: đã cài { $installed }, từ chối { $refused } (gói không có chữ ký tin cậy thì không bao giờ được cài).
cli-hub-no-devices = Nhóm chưa có máy nào khác tham gia máy chủ nhóm.
cli-handover-sent = Đã chuyển hồ sơ sang máy “{ $to }” (mã chuyển { $id }). Hồ sơ bị khóa trên máy này cho đến khi máy kia nhận; trước đó có thể lấy lại: gocua hub handover reclaim MÃ_HỒ_SƠ
cli-handover-none = Không có hồ sơ nào được chuyển đến máy này.
cli-handover-incoming = { $id }  { $procedure } { $citizen } — từ máy “{ $from }” ({ $by }), lúc { $at }, { $papers } ảnh giấy tờ. Nhận: gocua hub handover accept { $id }
cli-handover-recent = { $outgoing ->
    [true] Gửi sang
   *[other] Nhận từ
} “{ $peer }”: { $procedure } — { $state ->
    [sent] đang chờ máy nhận
    [accepted] đã được nhận
    [declined] bị từ chối
   *[reclaimed] đã lấy lại
} ({ $at }; hồ sơ { $dossier })
cli-handover-accepted = Đã nhận hồ sơ { $dossier }; hồ sơ giờ thuộc máy này.
cli-handover-declined = Đã từ chối; hồ sơ trở về máy gửi.
cli-handover-reclaimed = Đã lấy lại hồ sơ { $dossier }; có thể tiếp tục soạn trên máy này.
cli-hub-handovers-waiting = { $count } hồ sơ được máy khác trong nhóm chuyển đến, đang chờ nhận: gocua hub handover inbox
cli-hub-no-roster = Chưa có danh sách thành viên từ máy chủ nhóm (trưởng nhóm ghi trên trang quản lý; máy nhận ở lần đồng bộ sau).
cli-hub-roster-member = { $name } — { $role ->
    [lead] trưởng nhóm
   *[other] tình nguyện viên
}
