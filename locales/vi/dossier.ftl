## Dossier states, problems with answers, papers, the printable checklist.

dossier-state = { $state ->
    [draft] Đang soạn
    [ready] Sẵn sàng nộp
    [queued] Chờ gửi
    [sending] Đang gửi
    [handing_over] Đang chuyển sang máy khác
    [supplement_draft] Đang bổ sung
    [portal_1] 1 – Mới đăng ký
    [portal_2] 2 – Được tiếp nhận
    [portal_3] 3 – Không được tiếp nhận
    [portal_4] 4 – Đang xử lý
    [portal_5] 5 – Yêu cầu bổ sung
    [portal_6] 6 – Yêu cầu nghĩa vụ tài chính
    [portal_7] 7 – Công dân rút hồ sơ
    [portal_8] 8 – Dừng xử lý
    [portal_9] 9 – Đã xử lý xong
    [portal_10] 10 – Đã trả kết quả
   *[other] { $state }
}
dossier-state-citizen = { $state ->
    [draft] Đang soạn hồ sơ
    [ready] Đã soạn xong, chờ nộp
    [queued] Chờ gửi lên Cổng khi có mạng
    [sending] Đang gửi lên Cổng
    [handing_over] Đang chuyển cho tình nguyện viên khác
    [supplement_draft] Đang bổ sung giấy tờ
    [portal_1] Đã nộp, chờ tiếp nhận
    [portal_2] Cơ quan đã tiếp nhận
    [portal_3] Không được tiếp nhận (xem lý do)
    [portal_4] Đang giải quyết
    [portal_5] Cần bổ sung giấy tờ
    [portal_6] Cần nộp phí, lệ phí hoặc thuế
    [portal_7] Người dân đã rút hồ sơ
    [portal_8] Cơ quan dừng giải quyết
    [portal_9] Đã có kết quả
    [portal_10] Đã trả kết quả
   *[other] { $state }
}
form-error = { $code ->
    [required] Chưa trả lời mục này.
    [too-long] Dài quá: tối đa { $n } ký tự.
    [not-a-number] Hãy nhập số, không có dấu chấm hay phẩy, ví dụ 2.
    [below-min] Số nhỏ nhất là { $n }.
    [above-max] Số lớn nhất là { $n }.
    [not-a-date] Không phải ngày hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 27/03/2020.
    [date-in-future] Ngày này chưa đến. Hãy kiểm tra lại năm.
    [date-in-past] Ngày này đã qua. Hãy chọn một ngày từ hôm nay trở đi.
    [date-too-far] Ngày này cách hôm nay quá { $n } năm. Hãy kiểm tra lại.
    [not-a-phone] Số điện thoại chưa đúng: di động có 10 chữ số (bắt đầu bằng 03, 05, 07, 08, 09), cố định có 11 chữ số (bắt đầu bằng 02).
    [not-an-id] Số định danh cá nhân gồm 12 chữ số, in trên thẻ căn cước.
    [not-a-choice] Hãy chọn một trong các phương án.
    [no-commune] Hãy chọn tỉnh/thành và xã/phường.
    [unknown-commune] Xã/phường đã chọn không có trong danh mục đơn vị hành chính mới. Hãy chọn lại.
    [too-few-items] Cần ít nhất { $n } mục.
    [option-not-allowed] Không chọn được phương án này với điều đã khai ở câu trước (xem ghi chú dưới câu hỏi). Hãy chọn phương án khác hoặc sửa câu trước.
   *[other] Câu trả lời chưa hợp lệ.
}
form-yes = Có
form-no = Không
document-status = { $status ->
    [attached] đã đính kèm
    [form] điền trong tờ khai
    [national_db] cơ quan tự lấy từ cơ sở dữ liệu quốc gia
    [not_applicable] không cần trong trường hợp này
    [later] người dân sẽ bổ sung sau
   *[missing] còn thiếu
}

checklist-title = Phiếu kiểm tra hồ sơ
checklist-procedure = Thủ tục
checklist-citizen = Người dân
checklist-state = Tình trạng
checklist-where = Nơi nộp và nhận kết quả
checklist-time = Thời hạn giải quyết
checklist-answers = Thông tin đã khai
checklist-papers-done = Giấy tờ đã có
checklist-papers-missing = Giấy tờ còn thiếu — cần mang hoặc bổ sung
checklist-none = Không có.
checklist-answers-missing = Còn { $n } câu trả lời thiếu hoặc chưa đúng; tình nguyện viên sẽ cùng hoàn thiện.
checklist-fees = Lệ phí
checklist-free = Không mất phí.
checklist-fee-line = nộp trực tiếp { $in_person }; nộp trực tuyến { $online }
checklist-fee-unknown = chưa xác minh — hỏi cơ quan giải quyết
checklist-fees-unverified = Lệ phí chưa xác minh — hỏi cơ quan giải quyết trước khi đi.
checklist-fees-unverified-note = Số tiền chưa xác minh — hỏi cơ quan giải quyết trước khi đi.
checklist-fee-exempt = Được miễn
checklist-next = Các bước tiếp theo
checklist-contact = Liên hệ
checklist-volunteer = Tình nguyện viên
checklist-team-contact = Tổ công nghệ số

## The wizard and the drafts list.

nav-dossiers = Hồ sơ
dossiers-title = Hồ sơ trên máy này
dossiers-search = Tìm
dossiers-search-placeholder = Tên người dân (có dấu hay không đều được), số định danh, thủ tục
dossiers-state = Tình trạng
dossiers-state-open = Đang làm
dossiers-state-sent = Đã gửi cổng
dossiers-state-all = Tất cả
dossiers-empty = Không có hồ sơ nào khớp.
dossiers-no-citizen = (chưa gắn người dân)
dossiers-more = Xem thêm
dossier-start = Bắt đầu điền hồ sơ
dossier-start-for = Hồ sơ của
dossier-start-no-citizen = Để trống nếu người dân chưa được lưu thông tin: hồ sơ sẽ ghi nhận sự đồng ý riêng.
dossier-start-consent = Người dân chưa có hồ sơ cá nhân được lưu. Hãy hỏi và ghi nhận sự đồng ý của ông/bà cho hồ sơ này:
dossier-start-consent-dossiers = Ông/bà đồng ý để tổ chuẩn bị và gửi hồ sơ này thay mình (bắt buộc)
dossier-start-consent-images = Ông/bà đồng ý cho lưu ảnh giấy tờ kèm hồ sơ
dossier-duplicate = Người dân này đã có { $n } hồ sơ đang làm cho thủ tục này. Mở hồ sơ đó, hay tạo hồ sơ mới?
dossier-start-anyway = Vẫn tạo hồ sơ mới
form-optional = (không bắt buộc)
form-date-partial-placeholder = ngày/tháng/năm, hoặc chỉ năm
form-date-placeholder = ngày/tháng/năm
form-address-line = Số nhà, đường, thôn/ấp/tổ
wizard-back = Quay lại
wizard-continue = Tiếp tục
wizard-all-dossiers = Tất cả hồ sơ
wizard-saving = Đang lưu…
wizard-saved = Đã lưu
wizard-large-text = Chữ to
wizard-loading = Đang mở hồ sơ…
wizard-error-summary = Cần sửa
wizard-add-item = Thêm { $item }
wizard-remove-item = Xóa mục này
wizard-tasks-progress = Đã xong { $done }/{ $total } phần.
wizard-task-status = { $status ->
    [completed] Đã xong
    [in_progress] Đang làm
   *[not_started] Chưa bắt đầu
}
wizard-documents = Giấy tờ kèm theo
wizard-documents-hint = Chụp từng trang giấy tờ bằng camera hoặc chọn tệp (ảnh, PDF). Ảnh được xoay đúng chiều và nén nhỏ nhưng vẫn đọc rõ chữ.
wizard-papers-missing = { $n ->
    [0] Đủ
   *[other] Còn thiếu { $n }
}
wizard-check = Kiểm tra lại thông tin
wizard-change = Sửa
wizard-incomplete = { $answers ->
    [0] Còn { $papers } giấy tờ chưa có.
   *[other] { $papers ->
        [0] Còn { $answers } câu trả lời thiếu hoặc chưa đúng.
       *[other] Còn { $answers } câu trả lời thiếu hoặc chưa đúng và { $papers } giấy tờ chưa có.
    }
}
wizard-go-documents = Đến phần giấy tờ
wizard-go-first-issue = Đến chỗ cần sửa đầu tiên
wizard-mark-ready = Hồ sơ đã đủ — sẵn sàng nộp
wizard-ready-title = Hồ sơ đã sẵn sàng
wizard-ready-body = Hồ sơ đủ thông tin và giấy tờ. Có thể gửi lên cổng dịch vụ công khi có mạng.
wizard-print-checklist = In phiếu kiểm tra cho người dân
wizard-checklist-saved = Đã lưu phiếu kiểm tra: { $path }
wizard-attach-file = Chọn tệp
wizard-attach-camera = Chụp bằng camera
wizard-camera-capture = Chụp
wizard-camera-cancel = Thôi
wizard-camera-unavailable = Không mở được camera ({ $detail }). Hãy chọn tệp ảnh thay thế.
wizard-attaching = Đang xử lý ảnh…
wizard-remove-file = Xóa
wizard-not-needed-by-answers = Không cần giấy này, theo câu trả lời trong tờ khai.
wizard-mark-na = Không cần trong trường hợp này
wizard-mark-later = Người dân bổ sung sau
wizard-mark-clear = Bỏ đánh dấu
wizard-form-changed = Biểu mẫu đã có phiên bản mới ({ $from } → { $to }). Hồ sơ này vẫn dùng phiên bản cũ cho đến khi bạn chuyển.
wizard-change-kind = { $kind ->
    [added] Mục mới
    [removed] Đã bỏ
   *[changed] Thay đổi
}
wizard-change-required = bắt buộc
wizard-use-new-form = Chuyển sang biểu mẫu mới (giữ các câu trả lời)
citizen-dossiers = Hồ sơ của người dân
citizen-no-dossiers = Chưa có hồ sơ nào.
citizen-start-dossier = Bắt đầu hồ sơ cho thủ tục
visit-dossiers = hồ sơ: { $list }
outbox-error = { $kind ->
    [offline] Chưa kết nối được cổng dịch vụ công; sẽ tự gửi lại khi có mạng.
    [timeout] Mạng chậm, cổng chưa trả lời kịp; sẽ tự gửi lại.
    [busy] Cổng đang bận; sẽ tự gửi lại sau ít phút.
   *[refused] Cổng từ chối hồ sơ này ({ $detail }). Cần kiểm tra lại rồi bấm “Gửi ngay”.
}
nav-queue = Gửi hồ sơ
queue-title = Hồ sơ chờ gửi lên cổng
queue-summary = Chờ gửi: { $pending } · cổng từ chối, cần xem lại: { $quarantined }
queue-supplements = { $n } hồ sơ được cơ quan yêu cầu bổ sung.
queue-open-dossiers = Mở danh sách hồ sơ
queue-send-now = Gửi ngay
queue-sending = Đang gửi…
queue-waiting = Đang chờ
queue-empty = Không có hồ sơ nào chờ gửi.
queue-needs-citizen = Cần người dân có mặt
queue-needs-citizen-hint = Các hồ sơ này cần người dân xác nhận trên VNeID hoặc nhận mã OTP bằng điện thoại của mình.
queue-done = Đã gửi gần đây
queue-state = { $state ->
    [pending] Chờ gửi
    [done] Đã gửi
   *[quarantined] Bị từ chối
}
queue-bytes = Đã gửi { $done } / { $total } KB tệp
queue-attempts = { $n } lần thử
queue-no-files = Không có tệp đính kèm
queue-progress = Tiến độ gửi tệp
wizard-queue = Gửi lên cổng dịch vụ công (tự gửi khi có mạng)
wizard-portal-code = Mã hồ sơ trên cổng: { $code }
wizard-supplement-title = Cơ quan yêu cầu bổ sung hồ sơ
wizard-supplement-no-note = Cơ quan chưa ghi rõ nội dung cần bổ sung.
wizard-supplement-how = Sửa thông tin hoặc đính kèm giấy tờ còn thiếu, rồi kiểm tra lại và gửi lại.
handoff-title = Hoặc cùng người dân nộp ngay trên Cổng Dịch vụ công quốc gia
handoff-step-open = Mở
handoff-step-login = Người dân đăng nhập bằng tài khoản VNeID (mức 2).
handoff-step-search = Tìm thủ tục “{ $name }” và chọn nộp trực tuyến.
handoff-step-fill = Điền từng mục theo bảng dưới (bấm “Chép” rồi dán).
handoff-step-files = Đính kèm các tệp giấy tờ:
handoff-save-files = Lưu tệp ra thư mục
handoff-copy = Chép
handoff-copied = Đã chép
handoff-code = Mã hồ sơ cổng đã cấp
handoff-record = Ghi nhận
queue-citizen-present = Người dân đang có mặt — gửi ngay
wizard-queued-title = Hồ sơ đã vào hàng chờ gửi
wizard-queued-next = Điều gì sẽ diễn ra tiếp theo:
wizard-queued-step-send = Máy tự gửi hồ sơ lên cổng dịch vụ công ngay khi có mạng. Không cần giữ màn hình này.
wizard-queued-step-code = Khi cổng nhận, hồ sơ có mã hồ sơ của cổng; tình trạng được cập nhật ở mục Hồ sơ.
wizard-queued-step-supplement = Nếu cơ quan yêu cầu bổ sung giấy tờ, ứng dụng sẽ báo ở đầu mọi màn hình.
wizard-queued-open-queue = Xem hàng chờ gửi
wizard-queued-open-dossiers = Về danh sách hồ sơ
wizard-back-to-visit = ← Quay lại lượt hỗ trợ người dân
checklist-self-service = Ông/bà tự điền tờ khai này tại ki-ốt tự phục vụ; máy không lưu lại gì. Hãy mang tờ này và các giấy tờ còn thiếu đến cơ quan giải quyết; nếu cần giúp, hỏi tình nguyện viên của tổ công nghệ số.
checklist-unverified = chưa xác minh — hỏi cơ quan giải quyết
